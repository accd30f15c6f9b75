package fr.progerance.ops.backup.transfer;

/**
 * A backup or restore stream that failed (DESIGN rule 13), with a readable message for ops: which
 * server, which kind, and why (remote exit status and the start of its standard error, a dropped
 * connection, a truncated dump, restic's error). Never contains data or secrets.
 */
public class BackupTransferException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public BackupTransferException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether trying again later may succeed without a person changing anything. */
    public boolean retryable() {
        return retryable;
    }
}
