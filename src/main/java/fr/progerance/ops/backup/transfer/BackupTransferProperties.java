package fr.progerance.ops.backup.transfer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings {@code ops.backup.transfer.*} of the streaming backup transfer (R3.6-b, R3.6-d).
 *
 * <pre>
 * ops.backup.transfer.pipe-buffer              4MB   between the SSH stream and restic, per transfer
 * ops.backup.transfer.accept-changed-files     true  tar exit status 1 on a live server (see below)
 * </pre>
 */
@ConfigurationProperties(BackupTransferProperties.PREFIX)
public class BackupTransferProperties {

    public static final String PREFIX = "ops.backup.transfer";

    /** Largest accepted pipe buffer: each running transfer holds one in memory. */
    public static final long MAX_PIPE_BUFFER = 256L * 1024 * 1024;

    /** Bytes held in memory between the SSH stream and restic (per transfer, both directions). */
    private DataSize pipeBuffer = DataSize.ofMegabytes(4);

    /**
     * Whether a file or server archive whose tar exited with status 1 ("some files differ": a file
     * changed while it was read, e.g. a log or a cache file on a live server) counts as a good backup.
     * The archive is still complete and well-formed (its end is checked anyway), only the files named
     * on tar's standard error may be inconsistent. false: such a backup fails and retries.
     */
    private boolean acceptChangedFiles = true;

    /** The pipe buffer in bytes, checked. */
    int pipeBufferBytes() {
        if (pipeBuffer == null || pipeBuffer.toBytes() < 64 * 1024 || pipeBuffer.toBytes() > MAX_PIPE_BUFFER) {
            throw new IllegalArgumentException(PREFIX + ".pipe-buffer must be between 64KB and "
                    + MAX_PIPE_BUFFER / (1024 * 1024) + "MB, got " + pipeBuffer);
        }
        return (int) pipeBuffer.toBytes();
    }

    public DataSize getPipeBuffer() {
        return pipeBuffer;
    }

    public void setPipeBuffer(DataSize pipeBuffer) {
        this.pipeBuffer = pipeBuffer;
    }

    public boolean isAcceptChangedFiles() {
        return acceptChangedFiles;
    }

    public void setAcceptChangedFiles(boolean acceptChangedFiles) {
        this.acceptChangedFiles = acceptChangedFiles;
    }
}
