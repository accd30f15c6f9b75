package fr.progerance.ops.security;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start without an administrator password, before anything touches the database.
 * The {@code demo} profile brings its own documented login, so there the password is optional.
 */
public class AdminPasswordCheck implements EnvironmentPostProcessor {

    static final String DEMO_PROFILE = "demo";
    static final int MIN_LENGTH = 8;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demo = Arrays.asList(environment.getActiveProfiles()).contains(DEMO_PROFILE);
        String username = environment.getProperty("ops.admin.username");
        if (username != null && !username.isBlank() && !username.trim().matches("[A-Za-z0-9]+")) {
            throw new MissingAdminPasswordException("The administrator name (OPS_ADMIN_USERNAME / ops.admin.username) '"
                    + username + "' may only contain letters and digits (Camunda's rule for user ids).");
        }
        String password = environment.getProperty("ops.admin.password");
        if (password == null || password.isBlank()) {
            if (!demo) {
                throw new MissingAdminPasswordException(
                        "No administrator password is set. Set the environment variable OPS_ADMIN_PASSWORD "
                                + "(or the setting ops.admin.password) before starting; there is no built-in "
                                + "default password. To try the engine with demo data and the documented demo "
                                + "login instead, start with the profile 'demo'.");
            }
            return;
        }
        if (password.length() < MIN_LENGTH) {
            throw new MissingAdminPasswordException("The administrator password (OPS_ADMIN_PASSWORD / "
                    + "ops.admin.password) must have at least " + MIN_LENGTH + " characters.");
        }
    }

    /** Raised when the administrator password is missing or too weak. */
    public static class MissingAdminPasswordException extends IllegalStateException {
        public MissingAdminPasswordException(String message) {
            super(message);
        }
    }
}
