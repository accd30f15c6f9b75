package fr.progerance.ops.backup.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DESIGN rule 13: a truncated dump or archive is recognised, without keeping the stream. */
@DisplayName("Backup streams are checked for their end (DESIGN rule 13, R3.6-b)")
class StreamCompletenessTest {

    @TempDir
    static Path dir;

    private static byte[] archive;

    /** A real GNU tar archive whose largest member is all zeros: a cut inside it looks like an end of archive. */
    @BeforeAll
    static void realArchive() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Files.write(tree.resolve("zeros.bin"), new byte[200_000]);
        byte[] random = new byte[70_000];
        new Random(1).nextBytes(random);
        Files.write(tree.resolve("random.bin"), random);
        Files.writeString(dir.resolve("tree/a name with spaces.txt"), "x".repeat(130), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tree/" + "long".repeat(40) + ".txt"), "long name", StandardCharsets.UTF_8);
        Process tar = new ProcessBuilder("tar", "--create", "--file=-", "--numeric-owner", "--directory",
                dir.resolve("tree").toString(), ".").start();
        archive = tar.getInputStream().readAllBytes();
        assertThat(tar.waitFor()).isZero();
    }

    @Test
    @DisplayName("a complete tar archive passes, written in any chunk sizes")
    void completeArchive() throws IOException {
        for (int chunk : new int[] {1, 511, 512, 4096, archive.length}) {
            assertThat(tarCheck(archive, archive.length, chunk)).as("chunk %d", chunk).isNull();
        }
    }

    @ParameterizedTest(name = "cut at {0}")
    @ValueSource(ints = {1, 511, 512, 1024, 2048, 10_000, 100_000, 150_000, 200_704, 250_000})
    @DisplayName("a tar archive cut anywhere, even inside a member of zeros, is incomplete")
    void truncatedArchive(int cut) throws IOException {
        assertThat(tarCheck(archive, cut, 8192)).contains("tar stream");
    }

    @Test
    @DisplayName("a tar stream cut exactly before its end-of-archive blocks is incomplete")
    void cutBeforeEndBlocks() throws IOException {
        int end = archive.length;
        while (end > 0 && archive[end - 1] == 0) {
            end--;
        }
        int lastDataBlockEnd = (end + 511) / 512 * 512;

        assertThat(tarCheck(archive, lastDataBlockEnd, 4096)).contains("without its end-of-archive blocks");
        assertThat(tarCheck(archive, lastDataBlockEnd + 512, 4096)).contains("without its end-of-archive blocks");
        assertThat(tarCheck(archive, lastDataBlockEnd + 1024, 4096)).isNull();
    }

    @Test
    @DisplayName("a stream that is not tar at all is malformed")
    void notTar() throws IOException {
        byte[] text = "-- MariaDB dump\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertThat(tarCheck(text, text.length, 100)).contains("malformed");
        assertThat(tarCheck(new byte[0], 0, 1)).contains("empty");
    }

    @Test
    @DisplayName("a dump ending with its -- Dump completed line passes, one without it is truncated")
    void sqlDumpEnd() throws IOException {
        String dump = "-- MariaDB dump 10.19\n" + "INSERT INTO t VALUES (1);\n".repeat(1000)
                + "/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;\n\n-- Dump completed on 2024-06-01 02:00:01\n";
        byte[] bytes = dump.getBytes(StandardCharsets.UTF_8);

        assertThat(sqlCheck(bytes, bytes.length, 1)).isNull();
        assertThat(sqlCheck(bytes, bytes.length, 300)).isNull();
        assertThat(sqlCheck((dump.strip() + "\n\n").getBytes(StandardCharsets.UTF_8), -1, 7)).isNull();
        assertThat(sqlCheck(bytes, bytes.length - 25, 300)).contains("does not end with its \"-- Dump completed\"");
        assertThat(sqlCheck(bytes, 5000, 300)).contains("truncated after 5000 bytes");
        assertThat(sqlCheck(new byte[0], 0, 1)).isEqualTo("the dump is empty");
        byte[] quoted = (dump + "INSERT INTO t VALUES ('-- Dump completed');\n").getBytes(StandardCharsets.UTF_8);
        assertThat(sqlCheck(quoted, quoted.length, 512)).isNotNull();
    }

    @Test
    @DisplayName("the watcher passes every byte through unchanged")
    void passesThrough() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamCompleteness watcher = StreamCompleteness.tarArchive(out);
        write(watcher, archive, archive.length, 333);

        assertThat(out.toByteArray()).isEqualTo(archive);
        assertThat(watcher.bytes()).isEqualTo(archive.length);
    }

    private static String tarCheck(byte[] data, int length, int chunk) throws IOException {
        StreamCompleteness watcher = StreamCompleteness.tarArchive(OutputStream.nullOutputStream());
        write(watcher, data, length, chunk);
        return watcher.incompleteness();
    }

    private static String sqlCheck(byte[] data, int length, int chunk) throws IOException {
        StreamCompleteness watcher = StreamCompleteness.sqlDump(OutputStream.nullOutputStream());
        write(watcher, data, length < 0 ? data.length : length, chunk);
        return watcher.incompleteness();
    }

    private static void write(OutputStream out, byte[] data, int length, int chunk) throws IOException {
        byte[] cut = Arrays.copyOf(data, length);
        for (int i = 0; i < cut.length; i += chunk) {
            out.write(cut, i, Math.min(chunk, cut.length - i));
        }
    }
}
