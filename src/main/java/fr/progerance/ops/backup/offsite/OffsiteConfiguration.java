package fr.progerance.ops.backup.offsite;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Enables {@code ops.backup.offsite.*} for slice tests that import this class with
 * {@link FtpOffsiteStore}; in the application, {@code @ConfigurationPropertiesScan} registers the
 * settings only once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OffsiteSettings.class)
public class OffsiteConfiguration {
}
