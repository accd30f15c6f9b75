package fr.progerance.ops.backup;

import fr.progerance.ops.backup.restic.ResticException;
import fr.progerance.ops.backup.transfer.BackupTransferException;
import fr.progerance.ops.engine.worker.NonRetryableWork;

/** Readable failure messages and their retry nature, for the backup handlers. */
public final class Failures {

    private Failures() {
    }

    /** The exception's message, or its type when it has none. */
    public static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Whether a later attempt may succeed: the ports say so for their own failures. */
    public static boolean retryable(Exception failure) {
        if (failure instanceof NonRetryableWork) {
            return false;
        }
        if (failure instanceof BackupTransferException transfer) {
            return transfer.retryable();
        }
        if (failure instanceof ResticException restic) {
            return restic.retryable();
        }
        return true;
    }
}
