package fr.progerance.ops.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings {@code ops.security.password.*}: the password policy ({@link PasswordRules}).
 *
 * @param minLength the fewest characters a password may have (default 12); the start-up check of the
 *                  administrator and monitoring passwords uses it too
 */
@ConfigurationProperties("ops.security.password")
public record PasswordSettings(Integer minLength) {

    public PasswordSettings {
        minLength = minLength == null ? PasswordRules.DEFAULT_MIN_LENGTH : minLength;
    }
}
