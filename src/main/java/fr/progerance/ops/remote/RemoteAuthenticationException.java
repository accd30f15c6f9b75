package fr.progerance.ops.remote;

/**
 * The server refused the engine's client key (the key is not in the user's
 * {@code authorized_keys}, the user does not exist, or the server allows no public-key login).
 * Retryable: the server's administrator may fix it, but a person usually has to.
 */
public class RemoteAuthenticationException extends RemoteException {

    private static final long serialVersionUID = 1L;

    public RemoteAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
