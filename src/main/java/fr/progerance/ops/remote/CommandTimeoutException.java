package fr.progerance.ops.remote;

import java.time.Duration;

/**
 * The command did not finish within {@code ops.remote.ssh.command-timeout}: the channel and the
 * session were closed (the remote process may still run if the server ignores the kill signal).
 * Retryable.
 */
public class CommandTimeoutException extends RemoteException {

    private static final long serialVersionUID = 1L;

    private final CommandTemplate template;
    private final Duration timeout;

    public CommandTimeoutException(String message, CommandTemplate template, Duration timeout) {
        super(message);
        this.template = template;
        this.timeout = timeout;
    }

    public CommandTemplate template() {
        return template;
    }

    public Duration timeout() {
        return timeout;
    }
}
