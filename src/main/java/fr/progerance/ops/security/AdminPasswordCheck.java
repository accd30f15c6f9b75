package fr.progerance.ops.security;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start without an administrator password, before anything touches the database, and
 * holds the passwords of the settings (administrator, monitoring account) to the password policy
 * ({@link PasswordRules}, {@code ops.security.password.min-length}) that the engine applies to every
 * other password. The {@code demo} profile brings its own documented login, so there the
 * administrator password is optional.
 */
public class AdminPasswordCheck implements EnvironmentPostProcessor {

    static final String DEMO_PROFILE = "demo";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demo = Arrays.asList(environment.getActiveProfiles()).contains(DEMO_PROFILE);
        String username = environment.getProperty("ops.admin.username");
        if (username != null && !username.isBlank() && !username.trim().matches("[A-Za-z0-9]+")) {
            throw new MissingAdminPasswordException("The administrator name (OPS_ADMIN_USERNAME / ops.admin.username) '"
                    + username + "' may only contain letters and digits (Camunda's rule for user ids).");
        }
        PasswordRules rules = rules(environment);
        String password = environment.getProperty("ops.admin.password");
        if (password == null || password.isBlank()) {
            if (!demo) {
                throw new MissingAdminPasswordException(
                        "No administrator password is set. Set the environment variable OPS_ADMIN_PASSWORD "
                                + "(or the setting ops.admin.password) before starting; there is no built-in "
                                + "default password. To try the engine with demo data and the documented demo "
                                + "login instead, start with the profile 'demo'.");
            }
        } else {
            check(rules, "administrator password (OPS_ADMIN_PASSWORD / ops.admin.password)", password,
                    username == null || username.isBlank() ? "admin" : username.trim());
        }
        String monitoring = environment.getProperty("ops.monitoring.password");
        if (monitoring != null && !monitoring.isBlank()) {
            String monitoringUser = environment.getProperty("ops.monitoring.username");
            check(rules, "monitoring password (OPS_MONITORING_PASSWORD / ops.monitoring.password)", monitoring,
                    monitoringUser == null || monitoringUser.isBlank() ? "prometheus" : monitoringUser.trim());
        }
    }

    private static PasswordRules rules(ConfigurableEnvironment environment) {
        Integer minLength;
        try {
            minLength = environment.getProperty(PasswordRules.MIN_LENGTH_SETTING, Integer.class,
                    PasswordRules.DEFAULT_MIN_LENGTH);
            return new PasswordRules(minLength);
        } catch (IllegalArgumentException e) {
            throw new MissingAdminPasswordException("The setting " + PasswordRules.MIN_LENGTH_SETTING
                    + " must be a whole number of at least 1.");
        }
    }

    private static void check(PasswordRules rules, String what, String password, String userId) {
        List<String> broken = rules.violations(password, userId);
        if (!broken.isEmpty()) {
            throw new MissingAdminPasswordException("The " + what + " does not match the password policy, which "
                    + "asks for " + String.join("; ", broken) + ".");
        }
    }

    /** Raised when the administrator password is missing or too weak. */
    public static class MissingAdminPasswordException extends IllegalStateException {
        public MissingAdminPasswordException(String message) {
            super(message);
        }
    }
}
