package fr.progerance.ops.remote;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where to connect: built by callers from the register's server (address, SSH port, SSH user,
 * pinned host key fingerprint). Validated on construction so that nothing odd reaches the SSH
 * library: a host name or an IP literal (IPv6 without brackets), a TCP port, a POSIX-style user
 * name and a {@link HostKeys SHA-256 fingerprint}. No DNS lookup happens here.
 *
 * @param host a host name ({@code shop1.example.net}, {@code localhost}) or an IPv4/IPv6 literal
 * @param port 1 to 65535
 * @param user the remote login, {@code ^[a-z_][a-z0-9_-]{0,31}$}
 * @param hostKeyFingerprint the pinned key, {@code SHA256:} + 43 base64 characters
 */
public record SshTarget(String host, int port, String user, String hostKeyFingerprint) {

    /** The SSH port used when the register gives none. */
    public static final int DEFAULT_PORT = 22;

    /** A login name as {@code useradd} accepts it by default on Debian (lower case, at most 32 characters). */
    public static final Pattern USER_PATTERN = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    public SshTarget {
        if (host == null || !isHostNameOrAddress(host)) {
            throw new IllegalArgumentException("SSH host must be a host name or an IP address (IPv6 without"
                    + " brackets), got " + quoted(host));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port must be between 1 and 65535, got " + port);
        }
        if (user == null || !USER_PATTERN.matcher(user).matches()) {
            throw new IllegalArgumentException("SSH user must match " + USER_PATTERN.pattern() + ", got "
                    + quoted(user));
        }
        HostKeys.requireValidFingerprint(hostKeyFingerprint, "SSH host key fingerprint of " + host);
    }

    /** A target on the default SSH port 22. */
    public static SshTarget of(String host, String user, String hostKeyFingerprint) {
        return new SshTarget(host, DEFAULT_PORT, user, hostKeyFingerprint);
    }

    /** {@code user@host:port}, for messages and logs. */
    public String describe() {
        String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return user + "@" + shownHost + ":" + port;
    }

    static boolean isHostNameOrAddress(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (host.indexOf(':') >= 0) {
            return isIpv6Literal(host);
        }
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            return IPV4.matcher(host).matches();
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // A name whose last label is numeric would be read as a (bad) IPv4 address by resolvers.
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    private static boolean isIpv6Literal(String host) {
        if (!IPV6_CHARACTERS.matcher(host).matches() || host.charAt(0) == '.') {
            return false; // also refuses zone ids (%eth0) and brackets
        }
        try {
            // Only hex digits, colons and dots: InetAddress parses this as a literal, no lookup.
            return InetAddress.getByName(host) instanceof Inet6Address || host.startsWith("::ffff:");
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : CommandTemplate.printable(value);
    }
}
