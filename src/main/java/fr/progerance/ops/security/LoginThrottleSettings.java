package fr.progerance.ops.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings {@code ops.security.login.*}: how failed logins are throttled ({@link LoginThrottle}).
 *
 * @param maxFailures        failed logins from one source address within {@code window} after which
 *                           that address is locked out for {@code lockout}
 * @param window             how long a failed login counts
 * @param lockout            how long a locked-out address (or a guarded account) stays so
 * @param accountMaxFailures failed logins for one account, from any address, within {@code window}
 *                           after which the account is guarded for {@code lockout}: only addresses
 *                           without a failed login in the window may still try it
 * @param trackedAddresses   at most this many source addresses are remembered (the least recently
 *                           seen are forgotten first), so a flood of addresses cannot exhaust memory
 */
@ConfigurationProperties("ops.security.login")
public record LoginThrottleSettings(Integer maxFailures, Duration window, Duration lockout,
        Integer accountMaxFailures, Integer trackedAddresses) {

    public LoginThrottleSettings {
        maxFailures = maxFailures == null ? 10 : maxFailures;
        window = window == null ? Duration.ofMinutes(15) : window;
        lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        accountMaxFailures = accountMaxFailures == null ? 20 : accountMaxFailures;
        trackedAddresses = trackedAddresses == null ? 100_000 : trackedAddresses;
        if (maxFailures < 1 || accountMaxFailures < 1 || trackedAddresses < 1) {
            throw new IllegalArgumentException("ops.security.login.max-failures, account-max-failures and "
                    + "tracked-addresses must be at least 1");
        }
        if (window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("ops.security.login.window and lockout must be positive durations");
        }
    }

    /** The defaults: 10 failures per address in 15 minutes lock it out for 15 minutes; 20 per account. */
    public static LoginThrottleSettings defaults() {
        return new LoginThrottleSettings(null, null, null, null, null);
    }
}
