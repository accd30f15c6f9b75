package fr.progerance.ops.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP hardening settings ({@code ops.http.*}, issue 7).
 *
 * @param maxBodySize the largest request body {@link ExpressionGuard} reads on the engine's REST
 *                    paths; a larger one is refused with 413
 * @param hsts        Strict-Transport-Security, sent only on requests that arrived over TLS
 */
@ConfigurationProperties("ops.http")
public record HttpSettings(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue Hsts hsts) {

    public HttpSettings {
        if (maxBodySize == null || maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("ops.http.max-body-size must be positive, got " + maxBodySize);
        }
    }

    /**
     * @param enabled           send the header on secure requests: directly over TLS
     *                          ({@code server.ssl.*}), or through a proxy that says so with
     *                          {@code X-Forwarded-Proto: https} once {@code server.forward-headers-strategy}
     *                          is set
     * @param maxAge            how long browsers keep to HTTPS
     * @param includeSubdomains whether the rule also binds every subdomain of the host
     */
    public record Hsts(@DefaultValue("true") boolean enabled, @DefaultValue("365d") Duration maxAge,
                       @DefaultValue("false") boolean includeSubdomains) {

        public Hsts {
            if (maxAge == null || maxAge.isNegative()) {
                throw new IllegalArgumentException("ops.http.hsts.max-age must not be negative, got " + maxAge);
            }
        }

        /** The header's value for a request, or null when it gets none (not secure, or switched off). */
        public String headerFor(boolean secureRequest) {
            if (!enabled || !secureRequest) {
                return null;
            }
            return "max-age=" + maxAge.toSeconds() + (includeSubdomains ? " ; includeSubDomains" : "");
        }
    }
}
