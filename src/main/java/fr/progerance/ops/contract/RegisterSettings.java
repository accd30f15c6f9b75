package fr.progerance.ops.contract;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the register.
 *
 * @param allowLoopbackAddresses accept loopback server addresses and shop URLs (127.0.0.0/8, ::1,
 *                               localhost). Off by default: the SSH and monitoring processes must
 *                               never turn against the engine's own host. Tests, whose real peers
 *                               (SSH, HTTP) all listen on loopback, turn it on.
 * @param allowedPrivateRanges   issue 7: the private ranges (CIDR, inside RFC 1918, RFC 6598
 *                               {@code 100.64.0.0/10} or IPv6 ULA {@code fc00::/7}) where managed
 *                               servers and shops may be, e.g. the VPN to a TIERCE hoster
 *                               ({@code 10.20.0.0/16}). Empty by default: a private address is
 *                               refused until its range is listed, because the engine itself runs on
 *                               a private network (its database, Prometheus, Grafana, the cloud's
 *                               internal services) that ops must not be able to reach through the
 *                               SSH diagnosis or the shop check. A range outside the private ones
 *                               stops the start.
 */
@ConfigurationProperties("ops.register")
public record RegisterSettings(boolean allowLoopbackAddresses, List<String> allowedPrivateRanges) {

    public RegisterSettings {
        allowedPrivateRanges = allowedPrivateRanges == null ? List.of()
                : allowedPrivateRanges.stream().filter(r -> r != null && !r.isBlank()).map(String::strip).toList();
        addressPolicy(allowLoopbackAddresses, allowedPrivateRanges); // a bad range stops the start
    }

    /** What the register and the engine's connections accept ({@link AddressPolicy}). */
    public AddressPolicy addressPolicy() {
        return addressPolicy(allowLoopbackAddresses, allowedPrivateRanges);
    }

    private static AddressPolicy addressPolicy(boolean loopback, List<String> ranges) {
        try {
            return new AddressPolicy(loopback, ranges.stream().map(IpRange::parse).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ops.register.allowed-private-ranges: " + e.getMessage(), e);
        }
    }
}
