package fr.progerance.ops.contract;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * A block of IP addresses in CIDR notation ({@code 10.20.0.0/16}, {@code fd12:3456::/48}), parsed
 * without any DNS lookup. The address must be the block's first one (no host bits set).
 */
public record IpRange(byte[] network, int prefix) {

    public IpRange {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range");
        }
    }

    /** Parses {@code a.b.c.d/n} or {@code ipv6/n}; throws IllegalArgumentException with a readable reason. */
    public static IpRange parse(String cidr) {
        String text = cidr == null ? "" : cidr.strip();
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a range in CIDR notation (e.g. 10.20.0.0/16)");
        }
        String address = text.substring(0, slash);
        byte[] bytes = address.contains(":") ? HostAddresses.parseIpv6(address) : HostAddresses.parseIpv4(address);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (bytes == null || prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' is not a range in CIDR notation (e.g. 10.20.0.0/16)");
        }
        IpRange range = new IpRange(bytes, prefix);
        if (!Arrays.equals(range.masked(bytes), bytes)) {
            throw new IllegalArgumentException("'" + text + "' has host bits set: write the first address of the range");
        }
        return range;
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /** Whether {@code address} lies in this block (an IPv4 block never holds an IPv6 address, and back). */
    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(masked(address), network);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** Whether {@code other} lies entirely inside this block. */
    public boolean covers(IpRange other) {
        return other.prefix >= prefix && contains(other.network);
    }

    private byte[] masked(byte[] address) {
        byte[] out = address.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return out;
    }

    /** {@code 10.20.0.0/16}, {@code fd12:3456::/48}. */
    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }

    /** An address in its usual text form: dotted IPv4, or IPv6 with its longest run of zero groups as ::. */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.prefix == prefix && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }
}
