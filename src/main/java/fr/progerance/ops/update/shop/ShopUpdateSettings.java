package fr.progerance.ops.update.shop;

import jakarta.validation.constraints.NotNull;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings {@code ops.update.shop.*} (documented in application.yaml).
 *
 * @param versionRetention R5.7: how long the version readings of the shops (technical data collected
 *     from the client's servers) are kept; default one year, the contract's maximum
 */
@Validated
@ConfigurationProperties("ops.update.shop")
public record ShopUpdateSettings(@NotNull Period versionRetention) {

    /** R5.7: technical data from client sites is kept at most one year. */
    public static final Period CONTRACT_RETENTION = Period.ofYears(1);

    public ShopUpdateSettings {
        versionRetention = versionRetention == null ? CONTRACT_RETENTION : versionRetention;
        if (versionRetention.isNegative() || versionRetention.isZero()) {
            throw new IllegalArgumentException("ops.update.shop.version-retention must be a positive period, got "
                    + versionRetention);
        }
    }
}
