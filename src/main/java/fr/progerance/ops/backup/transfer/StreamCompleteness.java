package fr.progerance.ops.backup.transfer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * DESIGN rule 13 and the restic trap ({@code mysqldump | restic backup --stdin} saves a snapshot of
 * whatever arrived): watches a backup stream on its way to restic and says whether it ended as a
 * complete dump or archive ends. Only a small, fixed amount of state is kept, never the stream.
 */
abstract class StreamCompleteness extends FilterOutputStream {

    private long bytes;

    StreamCompleteness(OutputStream out) {
        super(out);
    }

    /** A watcher for a mysqldump stream: it must end with the {@code -- Dump completed} line. */
    static StreamCompleteness sqlDump(OutputStream out) {
        return new SqlDumpEnd(out);
    }

    /** A watcher for a tar stream: a well-formed archive that reaches its end-of-archive blocks. */
    static StreamCompleteness tarArchive(OutputStream out) {
        return new TarArchiveEnd(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
        observe(data, offset, length);
        bytes += length;
    }

    @Override
    public void close() {
        // The pipe's end is decided by the transfer (finish or abort), never by closing this filter.
    }

    long bytes() {
        return bytes;
    }

    /** Null when the stream ended complete, otherwise why not (a short sentence for ops). */
    abstract String incompleteness();

    abstract void observe(byte[] data, int offset, int length);

    /** mysqldump's last line is {@code -- Dump completed} (followed by {@code  on <date>} unless --skip-dump-date). */
    static final class SqlDumpEnd extends StreamCompleteness {

        static final String COMPLETION_LINE = "-- Dump completed";
        private static final int TAIL = 256;

        private final byte[] tail = new byte[TAIL];
        private int kept;

        SqlDumpEnd(OutputStream out) {
            super(out);
        }

        @Override
        void observe(byte[] data, int offset, int length) {
            if (length >= TAIL) {
                System.arraycopy(data, offset + length - TAIL, tail, 0, TAIL);
                kept = TAIL;
                return;
            }
            int overflow = kept + length - TAIL;
            if (overflow > 0) {
                System.arraycopy(tail, overflow, tail, 0, kept - overflow);
                kept -= overflow;
            }
            System.arraycopy(data, offset, tail, kept, length);
            kept += length;
        }

        @Override
        String incompleteness() {
            if (bytes() == 0) {
                return "the dump is empty";
            }
            String end = new String(tail, 0, kept, StandardCharsets.UTF_8).stripTrailing();
            String lastLine = end.substring(end.lastIndexOf('\n') + 1);
            return lastLine.startsWith(COMPLETION_LINE) ? null
                    : "the dump does not end with its \"" + COMPLETION_LINE + "\" line (truncated after " + bytes()
                            + " bytes)";
        }
    }

    /**
     * Follows the tar format block by block (512-byte headers with their checksum, then the member's
     * data blocks) and needs the two zero blocks that end an archive, followed by zero padding only.
     * A cut at any point, even inside a member made of zeros, is found, since the position of every
     * header is known.
     */
    static final class TarArchiveEnd extends StreamCompleteness {

        private static final int BLOCK = 512;

        private final byte[] block = new byte[BLOCK];
        private int filled;
        private long dataBlocksToSkip;
        private int zeroHeaders;
        private boolean ended;
        private String malformed;
        private long members;

        TarArchiveEnd(OutputStream out) {
            super(out);
        }

        @Override
        void observe(byte[] data, int offset, int length) {
            int position = offset;
            int end = offset + length;
            while (position < end && malformed == null) {
                int chunk = Math.min(BLOCK - filled, end - position);
                System.arraycopy(data, position, block, filled, chunk);
                filled += chunk;
                position += chunk;
                if (filled == BLOCK) {
                    filled = 0;
                    onBlock();
                }
            }
        }

        private void onBlock() {
            if (ended) {
                if (!isZero(block)) {
                    malformed = "data after the end-of-archive blocks";
                }
                return;
            }
            if (dataBlocksToSkip > 0) {
                dataBlocksToSkip--;
                return;
            }
            if (isZero(block)) {
                zeroHeaders++;
                ended = zeroHeaders == 2;
                return;
            }
            if (zeroHeaders > 0) {
                malformed = "a single zero block inside the archive";
                return;
            }
            if (!checksumMatches(block)) {
                malformed = "a member header with a wrong checksum after " + members + " members";
                return;
            }
            long size = size(block);
            if (size < 0) {
                malformed = "a member header with an unreadable size";
                return;
            }
            byte type = block[156];
            boolean hasData = !(type == '1' || type == '2' || type == '3' || type == '4' || type == '5'
                    || type == '6');
            dataBlocksToSkip = hasData ? (size + BLOCK - 1) / BLOCK : 0;
            members++;
        }

        @Override
        String incompleteness() {
            if (malformed != null) {
                return "the tar stream is malformed (" + malformed + ")";
            }
            if (bytes() == 0) {
                return "the tar stream is empty";
            }
            if (!ended || filled != 0) {
                return "the tar stream ends without its end-of-archive blocks (truncated after " + bytes()
                        + " bytes, " + members + " members)";
            }
            return null;
        }

        private static boolean isZero(byte[] bytes) {
            for (byte b : bytes) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        /** POSIX: the sum of the header's bytes with the checksum field (148..155) counted as spaces. */
        private static boolean checksumMatches(byte[] header) {
            long unsigned = 0;
            long signed = 0; // some old tars summed signed bytes
            for (int i = 0; i < BLOCK; i++) {
                int b = i >= 148 && i < 156 ? ' ' : header[i];
                unsigned += b & 0xff;
                signed += i >= 148 && i < 156 ? ' ' : header[i];
            }
            long stored = octal(header, 148, 8);
            return stored >= 0 && (stored == unsigned || stored == signed);
        }

        /** The size field: octal text, or GNU base-256 when its first byte has the high bit set. */
        private static long size(byte[] header) {
            if ((header[124] & 0x80) != 0) {
                long value = 0;
                for (int i = 125; i < 136; i++) { // first byte only carries the marker for sizes < 2^88
                    if (value >>> 55 != 0) {
                        return -1;
                    }
                    value = (value << 8) | (header[i] & 0xff);
                }
                return (header[124] & 0x7f) == 0 ? value : -1;
            }
            return octal(header, 124, 12);
        }

        private static long octal(byte[] header, int from, int length) {
            byte[] field = Arrays.copyOfRange(header, from, from + length);
            long value = 0;
            boolean digits = false;
            for (byte b : field) {
                if (b == 0 || b == ' ') {
                    if (digits) {
                        break;
                    }
                    continue;
                }
                if (b < '0' || b > '7') {
                    return -1;
                }
                digits = true;
                value = value * 8 + (b - '0');
            }
            return digits ? value : -1;
        }
    }
}
