package fr.progerance.ops.update.version;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the release catalogue ({@code ops.update.catalogue.*}, documented in application.yaml).
 *
 * @param location a Spring resource location ({@code classpath:}, {@code file:}) of the catalogue
 *     in the format of {@link ReleaseCatalogueFile}; default the bundled, sourced
 *     {@value #DEFAULT_LOCATION}
 */
@Validated
@ConfigurationProperties("ops.update.catalogue")
public record ReleaseCatalogueSettings(@NotBlank String location) {

    public static final String DEFAULT_LOCATION = "classpath:update/prestashop-releases.csv";

    public ReleaseCatalogueSettings {
        location = location == null ? DEFAULT_LOCATION : location.strip();
    }
}
