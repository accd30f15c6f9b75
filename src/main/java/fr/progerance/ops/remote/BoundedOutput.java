package fr.progerance.ops.remote;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects one output stream of a remote command up to a byte limit; beyond it, bytes are only
 * counted. Written by JSch's session thread, read by the caller once the channel is closed.
 */
final class BoundedOutput extends OutputStream {

    private final int limit;
    private final ByteArrayOutputStream kept;
    private long total;

    BoundedOutput(int limit) {
        this.limit = limit;
        this.kept = new ByteArrayOutputStream(Math.min(limit, 8192));
    }

    @Override
    public synchronized void write(int b) {
        if (total < limit) {
            kept.write(b);
        }
        total++;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (total < limit) {
            kept.write(bytes, offset, (int) Math.min(length, limit - total));
        }
        total += length;
    }

    synchronized boolean truncated() {
        return total > limit;
    }

    synchronized long totalBytes() {
        return total;
    }

    /** The kept bytes as UTF-8 text, followed by a notice line if bytes were dropped. */
    synchronized String text() {
        String text = kept.toString(StandardCharsets.UTF_8);
        if (!truncated()) {
            return text;
        }
        return text + "\n" + CommandResult.TRUNCATION_NOTICE + " " + (total - limit) + " more bytes dropped, "
                + limit + " bytes kept (" + RemoteSshProperties.PREFIX + ".max-output)]";
    }
}
