package fr.progerance.ops.security;

import org.springframework.security.core.AuthenticationException;

/** An HTTP Basic login refused by the {@link LoginThrottle} before any password check: answered 429. */
final class LoginThrottledException extends AuthenticationException {

    private final transient LoginThrottle.Verdict verdict;

    LoginThrottledException(LoginThrottle.Verdict verdict) {
        super("Too many failed logins");
        this.verdict = verdict;
    }

    LoginThrottle.Verdict verdict() {
        return verdict;
    }
}
