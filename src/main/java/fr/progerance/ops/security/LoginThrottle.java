package fr.progerance.ops.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throttles failed logins, whatever the way in (HTTP Basic on the APIs, the webapps' login form,
 * Camunda's password verification), so nobody can guess passwords and nobody can lock someone else
 * out:
 *
 * <ul>
 *   <li><b>Per source address.</b> After {@code max-failures} failed logins from one address within
 *       {@code window}, that address is locked out for {@code lockout}: its attempts are refused
 *       without checking any password, for every account. Other addresses are not concerned.</li>
 *   <li><b>Per account, gently.</b> After {@code account-max-failures} failed logins for one account
 *       within {@code window}, from any addresses (a distributed guess), the account is guarded for
 *       {@code lockout}: addresses that failed a login within the window may no longer try it, but an
 *       address without failures (the account's owner, at their desk) still logs in. An account is
 *       therefore never locked for its owner by someone else's failures.</li>
 * </ul>
 *
 * <p>Successful logins reset nothing: an attacker with an account of their own cannot clear their
 * address's failures by logging in between guesses. Failures simply age out of the window.
 *
 * <p>IPv4 addresses count one by one; IPv6 addresses count per /64 network, the block one machine or
 * one customer line usually gets. The state is kept in memory, per engine node, and read through the
 * product's clock (tests move it). A clock that goes back forgets what it has not seen yet.
 */
public class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final int PURGE_EVERY = 256;

    /** Why an attempt is refused. */
    public enum Reason {
        /** The source address failed too often. */
        ADDRESS,
        /** The account is guarded and the source address failed a login recently. */
        ACCOUNT
    }

    /** Whether a login may be checked; when refused, for how long it will be. */
    public record Verdict(boolean allowed, Reason reason, Duration retryAfter) {

        static final Verdict ALLOW = new Verdict(true, null, Duration.ZERO);

        /** {@code retryAfter} in whole seconds, rounded up, at least 1 (the {@code Retry-After} header). */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** A locked-out source (an address, or an IPv6 /64) or a guarded account. */
    public record Lockout(String key, Instant since, Instant until, Duration remaining) {
    }

    private final LoginThrottleSettings settings;
    private final Clock clock;
    private final LinkedHashMap<String, Tracker> addresses;
    private final Map<String, Tracker> accounts = new HashMap<>();
    private int failuresSincePurge;

    public LoginThrottle(LoginThrottleSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        int cap = settings.trackedAddresses();
        this.addresses = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tracker> eldest) {
                return size() > cap;
            }
        };
    }

    /**
     * May a login for {@code userId} from {@code address} be checked? {@code address} is null outside
     * a web request (the engine's own checks at start): those are never throttled.
     */
    public synchronized Verdict check(String address, String userId) {
        if (address == null) {
            return Verdict.ALLOW;
        }
        Instant now = clock.instant();
        Tracker source = addresses.get(keyOf(address));
        if (source != null) {
            source.prune(now, settings.window());
            if (source.locked()) {
                return new Verdict(false, Reason.ADDRESS, Duration.between(now, source.lockedUntil));
            }
        }
        Tracker account = userId == null ? null : accounts.get(userId);
        if (account != null) {
            account.prune(now, settings.window());
            boolean sourceFailedRecently = source != null && !source.failures.isEmpty();
            if (account.locked() && sourceFailedRecently) {
                return new Verdict(false, Reason.ACCOUNT, Duration.between(now, account.lockedUntil));
            }
        }
        return Verdict.ALLOW;
    }

    /**
     * Counts a failed login from {@code address}; {@code userId} is the account when it exists (null
     * for an unknown user, which is counted against the address only).
     */
    public synchronized void failed(String address, String userId) {
        if (address == null) {
            return;
        }
        Instant now = clock.instant();
        String key = keyOf(address);
        Tracker source = addresses.computeIfAbsent(key, k -> new Tracker());
        if (source.fail(now, settings.window(), settings.maxFailures(), settings.lockout())) {
            LOG.warn("Login throttle: address {} locked out until {} after {} failed logins within {} (last for '{}')",
                    key, source.lockedUntil, settings.maxFailures(), settings.window(), userId);
        }
        if (userId != null) {
            Tracker account = accounts.computeIfAbsent(userId, k -> new Tracker());
            if (account.fail(now, settings.window(), settings.accountMaxFailures(), settings.lockout())) {
                LOG.warn("Login throttle: account '{}' guarded until {} after {} failed logins within {}: only "
                        + "addresses without failed logins may try it meanwhile", userId, account.lockedUntil,
                        settings.accountMaxFailures(), settings.window());
            }
        }
        if (++failuresSincePurge >= PURGE_EVERY) {
            failuresSincePurge = 0;
            purge(now);
        }
    }

    /** The addresses (or IPv6 /64 networks) locked out now, the longest-lasting first. */
    public synchronized List<Lockout> lockedAddresses() {
        return locked(addresses);
    }

    /** The accounts guarded now, the longest-lasting first. */
    public synchronized List<Lockout> guardedAccounts() {
        return locked(accounts);
    }

    /** Forgets the failures and the lockout of this address (or its IPv6 /64); true if it was locked out. */
    public synchronized boolean liftAddress(String address) {
        Tracker removed = addresses.remove(keyOf(address));
        return removed != null && isLocked(removed);
    }

    /** Forgets the failures and the guard of this account; true if it was guarded. */
    public synchronized boolean liftAccount(String userId) {
        Tracker removed = accounts.remove(userId);
        return removed != null && isLocked(removed);
    }

    /** Forgets everything. */
    public synchronized void liftAll() {
        addresses.clear();
        accounts.clear();
    }

    public LoginThrottleSettings settings() {
        return settings;
    }

    /**
     * The key an address is counted under: an IPv4 address as such, an IPv6 address as its /64
     * network ({@code 2001:db8:1:2:0:0:0:0/64}); empty when the text is not an IP address literal.
     * Never resolves a host name.
     */
    public static Optional<String> sourceKey(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String text = address.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(text); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        if (parsed instanceof Inet4Address) {
            return Optional.of(parsed.getHostAddress());
        }
        if (parsed instanceof Inet6Address) {
            byte[] bytes = parsed.getAddress();
            for (int i = 8; i < bytes.length; i++) {
                bytes[i] = 0;
            }
            try {
                return Optional.of(InetAddress.getByAddress(bytes).getHostAddress() + "/64");
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String keyOf(String address) {
        return sourceKey(address).orElse(address);
    }

    private boolean isLocked(Tracker tracker) {
        tracker.prune(clock.instant(), settings.window());
        return tracker.locked();
    }

    private List<Lockout> locked(Map<String, Tracker> trackers) {
        Instant now = clock.instant();
        List<Lockout> locked = new ArrayList<>();
        for (Map.Entry<String, Tracker> e : trackers.entrySet()) {
            Tracker t = e.getValue();
            t.prune(now, settings.window());
            if (t.locked()) {
                locked.add(new Lockout(e.getKey(), t.lockedSince, t.lockedUntil, Duration.between(now, t.lockedUntil)));
            }
        }
        locked.sort(Comparator.comparing(Lockout::until).reversed().thenComparing(Lockout::key));
        return locked;
    }

    private void purge(Instant now) {
        for (Map<String, Tracker> trackers : List.of(addresses, accounts)) {
            Iterator<Tracker> it = trackers.values().iterator();
            while (it.hasNext()) {
                Tracker t = it.next();
                t.prune(now, settings.window());
                if (t.failures.isEmpty() && !t.locked()) {
                    it.remove();
                }
            }
        }
    }

    /** The recent failures of one address or account, and its lockout. */
    private static final class Tracker {

        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        Instant lockedSince;
        Instant lockedUntil;

        /** Drops failures outside the window and a lockout that ended (or that the clock has not reached). */
        void prune(Instant now, Duration window) {
            Instant from = now.minus(window);
            failures.removeIf(t -> t.isAfter(now) || !t.isAfter(from));
            if (lockedUntil != null && (now.isBefore(lockedSince) || !now.isBefore(lockedUntil))) {
                lockedSince = null;
                lockedUntil = null;
            }
        }

        boolean locked() {
            return lockedUntil != null;
        }

        /** Counts a failure; true when it starts a lockout. */
        boolean fail(Instant now, Duration window, int maxFailures, Duration lockout) {
            prune(now, window);
            failures.addLast(now);
            if (!locked() && failures.size() >= maxFailures) {
                lockedSince = now;
                lockedUntil = now.plus(lockout);
                return true;
            }
            while (failures.size() > maxFailures) {
                failures.removeFirst();
            }
            return false;
        }
    }
}
