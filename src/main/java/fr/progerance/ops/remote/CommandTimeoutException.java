package fr.progerance.ops.remote;

import java.time.Duration;

/**
 * The command did not finish within {@code ops.remote.ssh.command-timeout}, or a streamed command
 * moved no byte within {@code ops.remote.ssh.stream-idle-timeout}: the channel and the session were
 * closed (the remote process may still run if the server ignores the kill signal).
 * Retryable.
 */
public class CommandTimeoutException extends RemoteException {

    private static final long serialVersionUID = 1L;

    private final CommandTemplate template;
    private final StreamTemplate streamTemplate;
    private final Duration timeout;

    public CommandTimeoutException(String message, CommandTemplate template, Duration timeout) {
        super(message);
        this.template = template;
        this.streamTemplate = null;
        this.timeout = timeout;
    }

    /** A streamed command that moved no byte within {@code ops.remote.ssh.stream-idle-timeout}. */
    public CommandTimeoutException(String message, StreamTemplate template, Duration timeout) {
        super(message);
        this.template = null;
        this.streamTemplate = template;
        this.timeout = timeout;
    }

    /** The command template that timed out, or null for a streamed command. */
    public CommandTemplate template() {
        return template;
    }

    /** The streamed command that stalled, or null for a command template. */
    public StreamTemplate streamTemplate() {
        return streamTemplate;
    }

    public Duration timeout() {
        return timeout;
    }
}
