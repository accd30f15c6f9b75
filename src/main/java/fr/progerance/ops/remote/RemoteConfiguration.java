package fr.progerance.ops.remote;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Enables {@code ops.remote.ssh.*} for slice tests that import this class with
 * {@link JschRemoteExecutor}; in the application, {@code @ConfigurationPropertiesScan} registers the
 * settings only once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RemoteSshProperties.class)
public class RemoteConfiguration {
}
