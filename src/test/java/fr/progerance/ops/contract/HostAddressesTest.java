package fr.progerance.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostAddressesTest {

    private static final AddressPolicy LOOPBACK = new AddressPolicy(true, List.of());

    private static AddressPolicy allowing(String... ranges) {
        return new AddressPolicy(false, List.of(ranges).stream().map(IpRange::parse).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop1.example.net", "srv-02.boutique.example.fr", "SHOP.Example.NET", "203.0.113.10",
        "2001:db8::1", "2001:0db8:0000:0000:0000:ff00:0042:8329", "1:2:3:4:5:6:192.0.2.1", "::ffff:192.0.2.1",
        "64:ff9b::203.0.113.10", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.1", "169.253.255.255",
        "db.corp.internal"})
    @DisplayName("DESIGN rule 8: host names and public IP addresses of servers are accepted")
    void accepted(String address) {
        assertThat(HostAddresses.problem(address)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop1", "-shop.example.net", "shop-.example.net", "a..example.net", "shop.example.123",
        "exa mple.net", "shop;id.example.net", "shop$(id).example.net", "shop.example.net.", "256.1.1.1", "01.2.3.4",
        "1.2.3", "1.2.3.4.5", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "fe80::1%eth0", "[2001:db8::1]",
        "2001:db8::g", "1.2.3.4::", "shop\u0000.example.net"})
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
    @CsvSource(delimiter = '|', value = {
        "169.254.169.254          | is a cloud metadata address",
        "169.254.170.2            | is a cloud metadata address",
        "fd00:ec2::254            | is a cloud metadata address",
        "100.100.100.200          | is a cloud metadata address",
        "192.0.0.192              | is a cloud metadata address",
        "::ffff:169.254.169.254   | is a cloud metadata address",
        "::ffff:a9fe:a9fe         | is a cloud metadata address",
        "::169.254.169.254        | is a cloud metadata address",
        "64:ff9b::169.254.169.254 | is a cloud metadata address",
        "169.254.0.1              | is a link-local address",
        "169.254.255.255          | is a link-local address",
        "fe80::1                  | is a link-local address",
        "febf:ffff::1             | is a link-local address",
        "224.0.0.1                | is a multicast address",
        "239.255.255.250          | is a multicast address",
        "ff02::1                  | is a multicast address",
        "0.0.0.0                  | is an unspecified address",
        "::                       | is an unspecified address",
        "::ffff:0.0.0.0           | is an unspecified address",
        "255.255.255.255          | is the broadcast address",
        "127.0.0.1                | is a loopback address",
        "::ffff:127.0.0.1         | is a loopback address",
        "64:ff9b::127.0.0.1       | is a loopback address",
        "metadata.google.internal | is the name of a cloud metadata service",
        "METADATA.GOOG            | is the name of a cloud metadata service",
        "10.1.2.3                 | is a private address (10.0.0.0/8)",
        "172.16.0.1               | is a private address (172.16.0.0/12)",
        "192.168.1.10             | is a private address (192.168.0.0/16)",
        "100.64.0.1               | is a private address (100.64.0.0/10)",
        "fd12:3456::1             | is a private address (fc00::/7)",
        "::ffff:10.1.2.3          | is a private address (10.0.0.0/8)"})
    @DisplayName("Issue 7: link-local, multicast, unspecified, broadcast, metadata and (by default) private addresses are refused, however written")
    void refusedWithTheReason(String address, String reason) {
        assertThat(HostAddresses.problem(address)).get().asString().startsWith(reason);
        assertThat(FieldRules.shopUrlProblem("http://" + (address.contains(":") ? "[" + address + "]" : address)
                + "/")).get().asString().startsWith("host " + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "127.1.2.3", "::1"})
    @DisplayName("Setting ops.register.allow-loopback-addresses accepts loopback (tests' real peers listen there)")
    void loopbackWhenAllowed(String address) {
        assertThat(HostAddresses.problem(address, LOOPBACK)).isEmpty();
        assertThat(HostAddresses.problem(address, AddressPolicy.STRICT)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "224.0.0.1", "255.255.255.255", "db.localhost", "169.254.169.254",
        "fe80::1", "10.1.2.3", "metadata.google.internal"})
    @DisplayName("Allowing loopback still refuses unspecified, multicast, broadcast, link-local, metadata and private addresses")
    void otherAddressesStillRefused(String address) {
        assertThat(HostAddresses.problem(address, LOOPBACK)).isPresent();
    }

    @Test
    @DisplayName("Issue 7: setting ops.register.allowed-private-ranges accepts the private ranges it lists, and only those")
    void allowedPrivateRanges() {
        AddressPolicy vpn = allowing("10.20.0.0/16", "fd12:3456::/48");
        assertThat(HostAddresses.problem("10.20.1.2", vpn)).isEmpty();
        assertThat(HostAddresses.problem("::ffff:10.20.1.2", vpn)).isEmpty();
        assertThat(HostAddresses.problem("fd12:3456:0:1::10", vpn)).isEmpty();
        assertThat(HostAddresses.problem("10.21.0.1", vpn)).get().asString()
                .isEqualTo("is a private address (10.0.0.0/8) outside ops.register.allowed-private-ranges"
                        + " [10.20.0.0/16, fd12:3456::/48]: list the range of your private servers there");
        assertThat(HostAddresses.problem("192.168.1.1", vpn)).isPresent();
        assertThat(HostAddresses.problem("fd00:ec2::254", allowing("fd00::/8"))).as("metadata stays refused")
                .get().asString().startsWith("is a cloud metadata address");
        assertThat(HostAddresses.problem("100.100.100.200", allowing("100.64.0.0/10"))).isPresent();
        assertThat(HostAddresses.problem("192.168.1.10", allowing("192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12")))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.0.0/16", "0.0.0.0/0", "8.8.8.0/24", "10.0.0.0/7", "fe80::/10", "::/0",
        "127.0.0.0/8"})
    @DisplayName("Issue 7: only private ranges may be allowed; anything else stops the start")
    void onlyPrivateRangesMayBeAllowed(String range) {
        assertThatThrownBy(() -> new RegisterSettings(false, List.of(range)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ops.register.allowed-private-ranges: ")
                .hasMessageContaining("is not a private range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "10.0.0.1/8", "10.0.0.0/x", "fd00::/129", "10.0.0/8", "10.0.0.0/8,192.168.0.0/16"})
    @DisplayName("Issue 7: a malformed range stops the start with the setting named")
    void malformedRanges(String range) {
        assertThatThrownBy(() -> new RegisterSettings(false, List.of(range)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ops.register.allowed-private-ranges: ");
    }

    @Test
    @DisplayName("Issue 7: blank entries of the setting are ignored; the policy carries the loopback setting")
    void settings() {
        RegisterSettings settings = new RegisterSettings(true, List.of(" 10.20.0.0/16 ", ""));
        assertThat(settings.allowedPrivateRanges()).containsExactly("10.20.0.0/16");
        assertThat(settings.addressPolicy().allowsLoopback()).isTrue();
        assertThat(new RegisterSettings(false, null).addressPolicy().allowedPrivateRanges()).isEmpty();
    }
}
