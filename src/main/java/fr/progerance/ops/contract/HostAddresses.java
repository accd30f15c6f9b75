package fr.progerance.ops.contract;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Server addresses: a fully qualified host name, an IPv4 address or an IPv6 address. Parsed here
 * without any DNS lookup. IP addresses are judged by an {@link AddressPolicy} (never loopback,
 * unspecified, link-local, multicast, broadcast or cloud metadata; private ranges only when
 * allowed), names by their form ({@code localhost} and the metadata services' names are refused):
 * the SSH and monitoring processes must never turn against the engine's own host or its
 * neighbours. A name can resolve to anything later: what it resolves to is judged again when the
 * engine connects (see {@code ShopCheck}).
 */
public final class HostAddresses {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private HostAddresses() {
    }

    /** What is wrong with an address under {@link AddressPolicy#STRICT}, or empty when it is acceptable. */
    public static Optional<String> problem(String address) {
        return problem(address, AddressPolicy.STRICT);
    }

    /**
     * What is wrong with an address, or empty when it is acceptable: its form, and for an IP address
     * what {@code policy} says ({@code localhost} counts as loopback).
     */
    public static Optional<String> problem(String address, AddressPolicy policy) {
        if (address == null || address.isEmpty()) {
            return Optional.of("must not be blank");
        }
        if (policy.allowsLoopback() && isLoopback(address)) {
            return Optional.empty();
        }
        if (address.contains(":")) {
            byte[] bytes = parseIpv6(address);
            return bytes == null ? Optional.of("is not a valid IPv6 address") : policy.problem(bytes);
        }
        if (IPV4_LIKE.matcher(address).matches()) {
            byte[] bytes = parseIpv4(address);
            return bytes == null ? Optional.of("is not a valid IPv4 address (four numbers 0-255, no leading zeros)")
                    : policy.problem(bytes);
        }
        return hostNameProblem(address);
    }

    private static boolean isLoopback(String address) {
        if (address.equalsIgnoreCase("localhost")) {
            return true;
        }
        byte[] bytes = address.contains(":") ? parseIpv6(address)
                : IPV4_LIKE.matcher(address).matches() ? parseIpv4(address) : null;
        try {
            return bytes != null && InetAddress.getByAddress(bytes).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> hostNameProblem(String name) {
        if (name.length() > 253) {
            return Optional.of("a host name has at most 253 characters");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String[] labels = lower.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("must be a fully qualified host name (e.g. shop1.example.net) or an IP address");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("is not a valid host name: each dot-separated label has 1 to 63 letters, digits"
                        + " or inner hyphens");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Optional.of("is not a valid host name: the last label cannot be numeric");
        }
        if (labels[labels.length - 1].equals("localhost")) {
            return Optional.of("must not designate the local machine");
        }
        if (AddressPolicy.METADATA_NAMES.contains(lower)) {
            return Optional.of("is the name of a cloud metadata service: never a managed server");
        }
        return Optional.empty();
    }

    static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!IPV4_OCTET.matcher(parts[i]).matches()) {
                return null;
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** The 16 bytes of an IPv6 address in text form (RFC 4291 2.2), or null. Zone ids are refused. */
    static byte[] parseIpv6(String text) {
        String[] halves = text.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        boolean compressed = halves.length == 2;
        List<Integer> head = groups(halves[0], !compressed);
        List<Integer> tail = compressed ? groups(halves[1], true) : List.of();
        if (head == null || tail == null) {
            return null;
        }
        int count = head.size() + tail.size();
        if (compressed ? count > 7 : count != 8) {
            return null;
        }
        List<Integer> words = new ArrayList<>(head);
        for (int i = count; i < 8; i++) {
            words.add(0);
        }
        words.addAll(tail);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (words.get(i) >> 8);
            bytes[2 * i + 1] = (byte) (words.get(i) & 0xff);
        }
        return bytes;
    }

    /** 16-bit words of a colon-separated part; an IPv4 tail is allowed only at the very end. */
    private static List<Integer> groups(String part, boolean mayEndWithIpv4) {
        List<Integer> words = new ArrayList<>();
        if (part.isEmpty()) {
            return words;
        }
        String[] tokens = part.split(":", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.contains(".")) {
                byte[] v4 = i == tokens.length - 1 && mayEndWithIpv4 ? parseIpv4(token) : null;
                if (v4 == null) {
                    return null;
                }
                words.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                words.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
            } else if (HEX_GROUP.matcher(token).matches()) {
                words.add(Integer.parseInt(token, 16));
            } else {
                return null;
            }
        }
        return words;
    }
}
