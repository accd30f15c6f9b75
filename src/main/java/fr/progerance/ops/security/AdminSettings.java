package fr.progerance.ops.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator account, from {@code ops.admin.username} / {@code ops.admin.password}
 * (environment {@code OPS_ADMIN_USERNAME} / {@code OPS_ADMIN_PASSWORD}). There is no built-in
 * default password: {@link AdminPasswordCheck} refuses to start without one outside the demo.
 */
@ConfigurationProperties("ops.admin")
public record AdminSettings(String username, String password) {

    public AdminSettings {
        username = username == null || username.isBlank() ? "admin" : username.trim();
    }

    public boolean hasPassword() {
        return password != null && !password.isBlank();
    }
}
