package fr.progerance.ops.remote;

/**
 * DESIGN rule 8: the server presented a host key whose SHA-256 fingerprint is not the pinned one.
 * Either the server was reinstalled or its key rotated without the register being updated, or
 * someone is intercepting the connection. A security event: nothing was sent to the server (the
 * session stopped before authentication), and the call must never be retried silently. A person
 * checks the key out of band and updates the pinned fingerprint.
 */
public class HostKeyMismatchException extends RemoteException implements NonRetryable {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final String pinnedFingerprint;
    private final String presentedFingerprint;
    private final String presentedKeyType;

    public HostKeyMismatchException(String host, int port, String pinnedFingerprint, String presentedFingerprint,
            String presentedKeyType) {
        super("SSH host key mismatch for " + host + ":" + port + ": pinned " + pinnedFingerprint
                + ", the server presented a " + presentedKeyType + " key " + presentedFingerprint
                + ". Nothing was sent to the server. Possible interception or a reinstalled server: check the key"
                + " out of band (ssh-keygen -lf on the server) before updating the pinned fingerprint; never retry"
                + " blindly.");
        this.host = host;
        this.port = port;
        this.pinnedFingerprint = pinnedFingerprint;
        this.presentedFingerprint = presentedFingerprint;
        this.presentedKeyType = presentedKeyType;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String pinnedFingerprint() {
        return pinnedFingerprint;
    }

    public String presentedFingerprint() {
        return presentedFingerprint;
    }

    /** The SSH key type the server presented, e.g. {@code ssh-ed25519}. */
    public String presentedKeyType() {
        return presentedKeyType;
    }
}
