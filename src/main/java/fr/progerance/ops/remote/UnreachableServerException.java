package fr.progerance.ops.remote;

/**
 * The server could not be reached or did not complete the SSH handshake in time: unknown host,
 * connection refused, no route, connect timeout, connection closed before the handshake. Retryable.
 */
public class UnreachableServerException extends RemoteException {

    private static final long serialVersionUID = 1L;

    public UnreachableServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
