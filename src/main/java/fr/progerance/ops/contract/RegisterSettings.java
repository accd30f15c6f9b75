package fr.progerance.ops.contract;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the register.
 *
 * @param allowLoopbackAddresses accept loopback server addresses and shop URLs (127.0.0.0/8, ::1,
 *                               localhost). Off by default: the SSH and monitoring processes must
 *                               never turn against the engine's own host. Tests, whose real peers
 *                               (SSH, HTTP) all listen on loopback, turn it on.
 */
@ConfigurationProperties("ops.register")
public record RegisterSettings(boolean allowLoopbackAddresses) {
}
