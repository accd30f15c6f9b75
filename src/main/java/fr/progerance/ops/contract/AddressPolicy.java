package fr.progerance.ops.contract;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which IP addresses a managed server (SSH) or a shop (HTTP) may have. The engine connects to them
 * on its own, so none may turn it against its own host or its neighbours (DESIGN rule 8, issue 7):
 * <ul>
 * <li>never: unspecified ({@code 0.0.0.0/8}, {@code ::}), link-local ({@code 169.254.0.0/16},
 *     {@code fe80::/10}), multicast, the broadcast address, and cloud metadata services
 *     ({@code 169.254.169.254}, {@code fd00:ec2::254}, {@code 100.100.100.200}, {@code 192.0.0.192});</li>
 * <li>loopback only when {@code ops.register.allow-loopback-addresses} (tests);</li>
 * <li>private ranges (RFC 1918, RFC 6598 shared space {@code 100.64.0.0/10}, IPv6 ULA
 *     {@code fc00::/7} and the old site-local {@code fec0::/10}) only inside the ranges listed in
 *     {@code ops.register.allowed-private-ranges}: none by default.</li>
 * </ul>
 * IPv4 addresses written inside IPv6 ones (mapped {@code ::ffff:a.b.c.d}, compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}) are judged as the IPv4 address they reach.
 */
public final class AddressPolicy {

    /** Refuses loopback and every private range. */
    public static final AddressPolicy STRICT = new AddressPolicy(false, List.of());

    /** Where private addresses live; only sub-ranges of these may be allowed. */
    static final List<IpRange> PRIVATE = List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("172.16.0.0/12"),
            IpRange.parse("192.168.0.0/16"), IpRange.parse("100.64.0.0/10"), IpRange.parse("fc00::/7"),
            IpRange.parse("fec0::/10"));

    private static final List<IpRange> UNSPECIFIED = List.of(IpRange.parse("0.0.0.0/8"), IpRange.parse("::/128"));
    private static final List<IpRange> LINK_LOCAL = List.of(IpRange.parse("169.254.0.0/16"), IpRange.parse("fe80::/10"));
    private static final List<IpRange> METADATA = List.of(IpRange.parse("169.254.169.254/32"),
            IpRange.parse("169.254.170.2/32"), IpRange.parse("fd00:ec2::254/128"), IpRange.parse("100.100.100.200/32"),
            IpRange.parse("192.0.0.192/32"));
    private static final IpRange NAT64 = IpRange.parse("64:ff9b::/96");
    private static final IpRange IPV4_COMPATIBLE = IpRange.parse("::/96");

    /** Host names of cloud metadata services (names resolving to the addresses above are refused when resolved). */
    static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog",
            "instance-data.ec2.internal");

    private final boolean allowLoopback;
    private final List<IpRange> allowedPrivateRanges;

    /**
     * @throws IllegalArgumentException when an allowed range is not inside the private ranges
     */
    public AddressPolicy(boolean allowLoopback, List<IpRange> allowedPrivateRanges) {
        this.allowLoopback = allowLoopback;
        this.allowedPrivateRanges = List.copyOf(allowedPrivateRanges);
        for (IpRange range : this.allowedPrivateRanges) {
            if (PRIVATE.stream().noneMatch(p -> p.covers(range))) {
                throw new IllegalArgumentException(range + " is not a private range: only ranges inside " + PRIVATE
                        + " may be allowed");
            }
        }
    }

    public boolean allowsLoopback() {
        return allowLoopback;
    }

    public List<IpRange> allowedPrivateRanges() {
        return allowedPrivateRanges;
    }

    /** Why the engine must not connect to {@code address}, or empty when it may. */
    public Optional<String> problem(InetAddress address) {
        return problem(address.getAddress());
    }

    /** As {@link #problem(InetAddress)}, for the 4 or 16 bytes of an address. */
    public Optional<String> problem(byte[] address) {
        byte[] bytes = embeddedIpv4(address);
        if (in(METADATA, bytes)) {
            return Optional.of("is a cloud metadata address: never a managed server");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByAddress(bytes); // no lookup: built from the bytes
        } catch (UnknownHostException e) {
            return Optional.of("is not a valid IP address");
        }
        if (ip.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty()
                    : Optional.of("is a loopback address (the engine's own host): never a managed server");
        }
        if (in(UNSPECIFIED, bytes) || ip.isAnyLocalAddress()) {
            return Optional.of("is an unspecified address (0.0.0.0/8, ::): never a managed server");
        }
        if (in(LINK_LOCAL, bytes) || ip.isLinkLocalAddress()) {
            return Optional.of("is a link-local address (169.254.0.0/16, fe80::/10): never a managed server");
        }
        if (ip.isMulticastAddress()) {
            return Optional.of("is a multicast address: never a managed server");
        }
        if (bytes.length == 4 && (bytes[0] & bytes[1] & bytes[2] & bytes[3]) == (byte) 0xff) {
            return Optional.of("is the broadcast address: never a managed server");
        }
        for (IpRange range : PRIVATE) {
            if (range.contains(bytes) && allowedPrivateRanges.stream().noneMatch(r -> r.contains(bytes))) {
                return Optional.of("is a private address (" + range + ") outside ops.register.allowed-private-ranges"
                        + (allowedPrivateRanges.isEmpty() ? " (none allowed)" : " " + allowedPrivateRanges)
                        + ": list the range of your private servers there");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64), else the address itself. */
    static byte[] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= address[i] == 0;
        }
        mapped &= address[10] == (byte) 0xff && address[11] == (byte) 0xff;
        boolean compatible = IPV4_COMPATIBLE.contains(address) && (address[12] | address[13] | address[14]) != 0;
        if (mapped || compatible || NAT64.contains(address)) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        return address;
    }

    private static boolean in(List<IpRange> ranges, byte[] address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    @Override
    public String toString() {
        return "AddressPolicy[loopback " + (allowLoopback ? "allowed" : "refused") + ", private ranges allowed: "
                + allowedPrivateRanges + "]";
    }
}
