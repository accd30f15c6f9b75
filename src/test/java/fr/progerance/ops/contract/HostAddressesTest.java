package fr.progerance.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"shop1.example.net", "srv-02.boutique.example.fr", "SHOP.Example.NET", "203.0.113.10",
        "10.1.2.3", "2001:db8::1", "2001:0db8:0000:0000:0000:ff00:0042:8329", "1:2:3:4:5:6:192.0.2.1",
        "::ffff:192.0.2.1", "fe80::1"})
    @DisplayName("DESIGN rule 8: host names and IP addresses of servers are accepted")
    void accepted(String address) {
        assertThat(HostAddresses.problem(address)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop1", "-shop.example.net", "shop-.example.net", "a..example.net", "shop.example.123",
        "exa mple.net", "shop;id.example.net", "shop$(id).example.net", "shop.example.net.", "256.1.1.1", "01.2.3.4",
        "1.2.3", "1.2.3.4.5", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "fe80::1%eth0", "[2001:db8::1]",
        "2001:db8::g", "1.2.3.4::"})
    @DisplayName("DESIGN rule 8: malformed addresses are refused")
    void malformed(String address) {
        assertThat(HostAddresses.problem(address)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "db.localhost", "127.0.0.1", "127.1.2.3", "0.0.0.0", "0.1.2.3", "::1", "::",
        "::ffff:127.0.0.1", "224.0.0.1", "ff02::1", "255.255.255.255"})
    @DisplayName("DESIGN rule 8: loopback, unspecified, multicast and broadcast addresses are never a managed server")
    void neverAServer(String address) {
        assertThat(HostAddresses.problem(address)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "127.1.2.3", "::1"})
    @DisplayName("Setting ops.register.allow-loopback-addresses accepts loopback (tests' real peers listen there)")
    void loopbackWhenAllowed(String address) {
        assertThat(HostAddresses.problem(address, true)).isEmpty();
        assertThat(HostAddresses.problem(address, false)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "224.0.0.1", "255.255.255.255", "db.localhost"})
    @DisplayName("Allowing loopback still refuses unspecified, multicast and broadcast addresses")
    void otherAddressesStillRefused(String address) {
        assertThat(HostAddresses.problem(address, true)).isPresent();
    }
}
