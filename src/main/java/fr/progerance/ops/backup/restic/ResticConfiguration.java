package fr.progerance.ops.backup.restic;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Enables {@code ops.backup.restic.*} for slice tests that import this class with
 * {@link ProcessRestic}; in the application, {@code @ConfigurationPropertiesScan} registers the
 * settings only once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResticProperties.class)
public class ResticConfiguration {
}
