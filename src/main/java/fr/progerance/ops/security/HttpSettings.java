package fr.progerance.ops.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP hardening settings ({@code ops.http.*}, issue 7).
 *
 * @param maxBodySize the largest request body {@link ExpressionGuard} reads on the engine's REST
 *                    paths; a larger one is refused with 413
 */
@ConfigurationProperties("ops.http")
public record HttpSettings(@DefaultValue("1MB") DataSize maxBodySize) {

    public HttpSettings {
        if (maxBodySize == null || maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("ops.http.max-body-size must be positive, got " + maxBodySize);
        }
    }
}
