package fr.progerance.ops.remote;

/**
 * A technical failure of a remote call: the server could not be reached, the session could not be
 * authenticated, the command did not finish in time, the client's own SSH settings are unusable.
 * Retryable unless the subclass implements {@link NonRetryable}: callers let the job retry, then
 * raise an incident. A command that ran and exited non-zero is not an exception but a {@link
 * CommandResult}.
 *
 * <p>Messages name the host, the template and the setting involved; never a key, a passphrase or
 * the command's output.
 */
public class RemoteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RemoteException(String message) {
        super(message);
    }

    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
