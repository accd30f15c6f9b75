package fr.progerance.ops.backup.offsite;

/**
 * A failed call of the off-site store (DESIGN rule 13), readable by ops because it ends up in a
 * Camunda incident: the FTP server ({@code host:port}), the operation and remote copy, the file
 * concerned, and the FTP server's reply code and text when there was one. Never the password.
 *
 * <p>{@link #retryable()}: whether trying again later may succeed without a person changing
 * anything. Connection refused or lost, time-outs and 4xx replies are; a refused login (530), a
 * certificate that the trust store does not vouch for, a missing setting, a corrupt file or a
 * refused name are not.
 */
public class OffsiteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** No FTP reply was involved (network, TLS, local file, settings). */
    public static final int NO_REPLY = 0;

    private final boolean retryable;
    private final int replyCode;

    public OffsiteException(String message, boolean retryable, int replyCode, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.replyCode = replyCode;
    }

    public OffsiteException(String message, boolean retryable) {
        this(message, retryable, NO_REPLY, null);
    }

    /** Whether trying again later may succeed without a person changing anything. */
    public boolean retryable() {
        return retryable;
    }

    /** The FTP reply code that made the call fail, or {@link #NO_REPLY}. */
    public int replyCode() {
        return replyCode;
    }
}
