package fr.progerance.ops.monitoring.probe;

/** What one check looks at (R4.1 N1 surveillance on PROGERANCE, R4.2 N1 system surveillance on TIERCE). */
public enum CheckKind {
    /** The shop's answer over HTTP(S): the expected status. */
    HTTP_STATUS(Channel.HTTP),
    /** The shop's page contains the server's keyword. */
    HTTP_KEYWORD(Channel.HTTP),
    /** The shop answered within the response-time threshold (WARNING above it). */
    HTTP_RESPONSE_TIME(Channel.HTTP),
    /** The shop's TLS certificate is valid for more than the warning period. */
    CERTIFICATE_EXPIRY(Channel.HTTP),
    /** A TCP port that must accept connections (target = the port). */
    TCP_PORT(Channel.TCP),
    /** A systemd service that must be active (target = the unit). */
    SERVICE(Channel.SSH),
    /** A process that must run (target = the process name). */
    PROCESS(Channel.SSH),
    /** Free disk space on a mount point (target = the mount point). */
    DISK_SPACE(Channel.SSH),
    /** R3.7: database connections against the quote's quota (WARNING before the limit). */
    DB_CONNECTIONS(Channel.SSH),
    /** The SSH connection itself (host key pinned, login): every SSH check depends on it. */
    SSH_REACHABLE(Channel.SSH);

    private final Channel channel;

    CheckKind(Channel channel) {
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }

    /** How the check reaches the server; the metric tag {@code channel}. */
    public enum Channel {
        HTTP, TCP, SSH
    }
}
