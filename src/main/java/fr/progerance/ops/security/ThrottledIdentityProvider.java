package fr.progerance.ops.security;

import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * Camunda's database identity provider with one change: every password check, whichever way it comes
 * (HTTP Basic, the webapps' login, {@code /identity/verify}, the current password of a credentials
 * change), goes through the {@link LoginThrottle} of the request's source address ({@link LoginSource})
 * instead of Camunda's per-account lock.
 *
 * <p>Camunda's lock ({@code loginMaxAttempts}, {@code loginDelay*}) counts failures per account,
 * whoever sends them, and locks the account for good after ten: anyone could lock anyone out. Here
 * the account's lock counters are neither read nor written: a throttled source gets {@code false}
 * without its password being compared, every other check is a plain comparison, and failures are
 * counted against the source (and, gently, the account: see {@link LoginThrottle}).
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {

    private final LoginThrottle throttle;

    ThrottledIdentityProvider(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        String address = LoginSource.address();
        if (!throttle.check(address, userId).allowed()) {
            return false;
        }
        UserEntity user = userId == null || userId.isEmpty() ? null : findUserById(userId);
        boolean valid = user != null && password != null && !password.isEmpty() && matchPassword(password, user);
        if (!valid) {
            throttle.failed(address, user == null ? null : user.getId());
        }
        return valid;
    }

    /** Opens one {@link ThrottledIdentityProvider} per engine command, as Camunda's own factory does. */
    static final class Factory implements SessionFactory {

        private final LoginThrottle throttle;

        Factory(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        public Class<?> getSessionType() {
            return ThrottledIdentityProvider.class;
        }

        @Override
        public Session openSession() {
            return new ThrottledIdentityProvider(throttle);
        }
    }
}
