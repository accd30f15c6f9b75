package fr.progerance.ops.backup.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded in-memory pipe between two threads: one writes the stream (SSH or restic), the other
 * reads it (restic or SSH). Unlike {@link java.io.PipedInputStream} it ends in one of two clearly
 * different ways:
 * <ul>
 *   <li>{@link #finish()}: the writer is done and the stream is complete; the reader gets the rest
 *       then end of stream;</li>
 *   <li>{@link #abort(String)}: the stream is broken (from either side); both sides get an
 *       {@link IOException} with the reason at their next call, blocked calls included, so the
 *       reader never takes a broken stream for a complete one.</li>
 * </ul>
 * Blocked calls also end with {@link InterruptedIOException} when their thread is interrupted.
 */
final class StreamPipe {

    private final byte[] buffer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private int head;
    private int count;
    private boolean finished;
    private String abortReason;

    StreamPipe(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pipe capacity must be positive, got " + capacity);
        }
        this.buffer = new byte[capacity];
    }

    /** The writing end. {@link OutputStream#close()} aborts (a writer that closes without finishing is broken). */
    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                Objects.checkFromIndexSize(offset, length, data.length);
                put(data, offset, length);
            }

            @Override
            public void close() {
                if (!finishedByWriter()) {
                    abort("the writer closed the stream before its end");
                }
            }
        };
    }

    /** The reading end. {@link InputStream#close()} aborts (the reader went away). */
    InputStream source() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] data, int offset, int length) throws IOException {
                Objects.checkFromIndexSize(offset, length, data.length);
                return take(data, offset, length);
            }

            @Override
            public int available() {
                lock.lock();
                try {
                    return count;
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void close() {
                abort("the reader closed the stream");
            }
        };
    }

    /** The stream is complete: the reader gets the remaining bytes, then end of stream. No effect after an abort. */
    void finish() {
        lock.lock();
        try {
            if (abortReason == null) {
                finished = true;
            }
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The stream is broken: both ends fail from now on. The first reason wins; no effect once the
     * reader got every byte of a {@link #finish() finished} stream.
     *
     * @return whether this call broke the stream (false: it was already aborted or fully read)
     */
    boolean abort(String reason) {
        Objects.requireNonNull(reason);
        lock.lock();
        try {
            boolean effective = abortReason == null && !(finished && count == 0);
            if (effective) {
                abortReason = reason;
                finished = false;
            }
            readable.signalAll();
            writable.signalAll();
            return effective;
        } finally {
            lock.unlock();
        }
    }

    private boolean finishedByWriter() {
        lock.lock();
        try {
            return finished;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #abort} took effect. */
    boolean aborted() {
        lock.lock();
        try {
            return abortReason != null;
        } finally {
            lock.unlock();
        }
    }

    private void put(byte[] data, int offset, int length) throws IOException {
        int done = 0;
        lock.lock();
        try {
            while (done < length) {
                while (count == buffer.length && abortReason == null && !finished) {
                    await(writable);
                }
                failIfAborted();
                if (finished) {
                    throw new IOException("write after the end of the stream");
                }
                int tail = (head + count) % buffer.length;
                int chunk = Math.min(length - done, Math.min(buffer.length - count, buffer.length - tail));
                System.arraycopy(data, offset + done, buffer, tail, chunk);
                count += chunk;
                done += chunk;
                readable.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private int take(byte[] data, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (count == 0 && abortReason == null && !finished) {
                await(readable);
            }
            failIfAborted();
            if (count == 0) {
                return -1; // finished and drained
            }
            int chunk = Math.min(length, Math.min(count, buffer.length - head));
            System.arraycopy(buffer, head, data, offset, chunk);
            head = (head + chunk) % buffer.length;
            count -= chunk;
            writable.signalAll();
            return chunk;
        } finally {
            lock.unlock();
        }
    }

    private void await(Condition condition) throws InterruptedIOException {
        try {
            condition.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on the stream pipe");
        }
    }

    private void failIfAborted() throws IOException {
        if (abortReason != null) {
            throw new IOException("stream aborted: " + abortReason);
        }
    }
}
