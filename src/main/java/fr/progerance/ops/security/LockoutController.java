package fr.progerance.ops.security;

import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the login throttle holds, for administrators (group {@code camunda-admin}; everyone else gets
 * 403, see {@link SecurityConfiguration}): the locked-out addresses and guarded accounts with
 * until when, and lifting them.
 *
 * <ul>
 *   <li>{@code GET /api/security/lockouts}</li>
 *   <li>{@code DELETE /api/security/lockouts/{address}}: an IPv4 address, or any IPv6 address of the
 *       locked-out /64 network; 204, or 404 when it is not locked out</li>
 *   <li>{@code DELETE /api/security/lockouts/accounts/{userId}}: 204, or 404 when it is not guarded</li>
 * </ul>
 *
 * <p>The throttle lives in each engine node's memory: in a cluster this shows and lifts the lockouts
 * of the node that answers.
 */
@RestController
@RequestMapping("/api/security/lockouts")
public class LockoutController {

    private static final Logger LOG = LoggerFactory.getLogger(LockoutController.class);

    private final LoginThrottle throttle;
    private final Clock clock;

    public LockoutController(LoginThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    @GetMapping
    public LockoutsView lockouts() {
        LoginThrottleSettings s = throttle.settings();
        return new LockoutsView(
                throttle.lockedAddresses().stream().map(l -> new AddressLockout(l.key(), at(l.since()), at(l.until()),
                        Math.max(1, (l.remaining().toMillis() + 999) / 1000))).toList(),
                throttle.guardedAccounts().stream().map(l -> new AccountLockout(l.key(), at(l.since()), at(l.until()),
                        Math.max(1, (l.remaining().toMillis() + 999) / 1000))).toList(),
                new Rules(s.maxFailures(), s.accountMaxFailures(), s.window().toString(), s.lockout().toString()));
    }

    @DeleteMapping("/{address}")
    public ResponseEntity<Void> liftAddress(@PathVariable String address, Principal who) {
        String key = LoginThrottle.sourceKey(address).orElseThrow(() -> new InvalidInputException("address",
                "is not an IPv4 or IPv6 address"));
        if (!throttle.liftAddress(address)) {
            throw new NotFoundException("A lockout of address", key);
        }
        LOG.info("Login throttle: {} lifted the lockout of address {}", who.getName(), key);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/accounts/{userId}")
    public ResponseEntity<Void> liftAccount(@PathVariable String userId, Principal who) {
        if (!throttle.liftAccount(userId)) {
            throw new NotFoundException("A guard on account", userId);
        }
        LOG.info("Login throttle: {} lifted the guard on account '{}'", who.getName(), userId);
        return ResponseEntity.noContent().build();
    }

    private OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, clock.getZone());
    }

    /** The lockouts now, and the rules that made them. */
    public record LockoutsView(List<AddressLockout> addresses, List<AccountLockout> accounts, Rules rules) {
    }

    /** A locked-out address (an IPv6 address as its /64 network): every login from it is refused. */
    public record AddressLockout(String address, OffsetDateTime lockedSince, OffsetDateTime lockedUntil,
            long retryAfterSeconds) {
    }

    /** A guarded account: addresses that failed a login recently may not try it, other addresses may. */
    public record AccountLockout(String userId, OffsetDateTime guardedSince, OffsetDateTime guardedUntil,
            long retryAfterSeconds) {
    }

    /** The settings {@code ops.security.login.*} in force. */
    public record Rules(int maxFailuresPerAddress, int maxFailuresPerAccount, String window, String lockout) {
    }
}
