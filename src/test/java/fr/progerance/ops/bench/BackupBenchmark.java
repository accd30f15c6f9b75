package fr.progerance.ops.bench;

import fr.progerance.ops.MariaDbServer;
import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.restic.ProcessRestic;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSettings;
import fr.progerance.ops.backup.transfer.BackupSource;
import fr.progerance.ops.backup.transfer.BackupTransferProperties;
import fr.progerance.ops.backup.transfer.RestoreDestination;
import fr.progerance.ops.backup.transfer.StreamingBackupTransfer;
import fr.progerance.ops.backup.transfer.TransferResult;
import fr.progerance.ops.remote.EmbeddedSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./bench}: the backup engine's figures (R3.6-b, R3.6-d), never assertions on time.
 *
 * <ol>
 *   <li>Throughput of a database dump of at least {@code bench.dump.mb} MB (default 200) streamed
 *       over SSH into restic (real MariaDB, real SSH server, real restic), as a ratio to
 *       {@code mysqldump | gzip > /dev/null} of the same data in the same run.</li>
 *   <li>A full restore of that snapshot back over SSH into {@code mysql}, as a fraction of the
 *       4 business hours of R3.6-d.</li>
 *   <li>A second backup after 5 % of the rows changed: how much the repository grew, against the
 *       first backup's size in the repository.</li>
 * </ol>
 */
class BackupBenchmark {

    private static final int DUMP_MB = Integer.getInteger("bench.dump.mb", 200);
    /** One generated row takes about this many bytes in mysqldump's output. */
    private static final int BYTES_PER_ROW = 270;
    private static final String SOURCE = "bench_shop";
    private static final String RESTORED = "bench_restored";

    @TempDir
    Path dir;

    @Test
    void backupThroughputRestoreTimeAndIncrementalGrowth() throws Exception {
        MariaDbServer mariadb = MariaDbServer.shared().start();
        long rows = (long) DUMP_MB * 1024 * 1024 / BYTES_PER_ROW + 1;
        mariadb.createDatabase(SOURCE);
        mariadb.execute(SOURCE, """
                CREATE TABLE ps_bench_orders (
                  id_order INT PRIMARY KEY,
                  reference VARCHAR(32) NOT NULL,
                  customer_email VARCHAR(80) NOT NULL,
                  note VARCHAR(255) NOT NULL,
                  total_paid DECIMAL(12,2) NOT NULL,
                  date_add DATETIME NOT NULL) ENGINE=InnoDB;
                INSERT INTO ps_bench_orders
                  SELECT seq, UPPER(LEFT(MD5(seq), 9)), CONCAT(LEFT(SHA2(seq, 224), 20), '@example.fr'),
                         CONCAT(SHA2(seq, 512), ' ', SHA2(seq + 1, 256)), MOD(seq, 100000) / 100,
                         '2026-01-01' + INTERVAL MOD(seq, 31536000) SECOND
                  FROM seq_1_to_%d;
                """.formatted(rows));

        Path home = Files.createDirectories(dir.resolve("home"));
        mariadb.writeClientConfig(home.resolve(".my.cnf"));
        try (EmbeddedSshServer ssh = new EmbeddedSshServer().start()) {
            ssh.environment("HOME", home.toString());
            Path password = dir.resolve("repository.password");
            Files.writeString(password, UUID.randomUUID() + "\n");
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
            ResticRepository repository = new ResticRepository(dir.resolve("repository"), password);
            ProcessRestic restic = new ProcessRestic(ResticSettings.defaults(dir.resolve("restic-cache")));
            restic.initIfMissing(repository);
            StreamingBackupTransfer transfer = new StreamingBackupTransfer(ssh.executor(), restic,
                    new BackupTransferProperties(), Clock.systemUTC());

            long baselineStart = System.nanoTime();
            long dumpBytes = dumpAndGzipLocally(mariadb);
            Duration baseline = Duration.ofNanos(System.nanoTime() - baselineStart);

            long backupStart = System.nanoTime();
            TransferResult first = transfer.backup(ssh.target(), new BackupSource(BackupKind.DATABASE, SOURCE),
                    repository, List.of("server=1", "run=bench-1"));
            Duration backup = Duration.ofNanos(System.nanoTime() - backupStart);
            long repositoryAfterFirst = size(repository.location());

            mariadb.createDatabase(RESTORED);
            long restoreStart = System.nanoTime();
            transfer.restore(ssh.target(), repository, first.snapshotId(),
                    new RestoreDestination(BackupKind.DATABASE, RESTORED));
            Duration restore = Duration.ofNanos(System.nanoTime() - restoreStart);
            String restoredRows = mariadb.query(RESTORED, "SELECT COUNT(*) FROM ps_bench_orders").get(0);

            mariadb.execute(SOURCE, "UPDATE ps_bench_orders SET note = CONCAT(SHA2(CONCAT(id_order, 'v2'), 512),"
                    + " ' ', SHA2(id_order + 7, 256)) WHERE id_order % 20 = 0;");
            TransferResult second = transfer.backup(ssh.target(), new BackupSource(BackupKind.DATABASE, SOURCE),
                    repository, List.of("server=1", "run=bench-2"));
            long repositoryAfterSecond = size(repository.location());

            mariadb.execute(SOURCE, "UPDATE ps_bench_orders SET note = CONCAT(SHA2(CONCAT(id_order, 'v3'), 512),"
                    + " ' ', SHA2(id_order + 9, 256)) WHERE id_order <= " + rows / 20 + ";");
            TransferResult third = transfer.backup(ssh.target(), new BackupSource(BackupKind.DATABASE, SOURCE),
                    repository, List.of("server=1", "run=bench-3"));
            long repositoryAfterThird = size(repository.location());

            report(dumpBytes, baseline, first, backup, restore, restoredRows, rows, second, repositoryAfterFirst,
                    repositoryAfterSecond, third, repositoryAfterThird);
        } finally {
            mariadb.dropDatabase(SOURCE);
            mariadb.dropDatabase(RESTORED);
        }
    }

    /** The baseline: {@code mysqldump ... | gzip > /dev/null} of the same data, two local processes. */
    private static long dumpAndGzipLocally(MariaDbServer mariadb) throws IOException, InterruptedException {
        ProcessBuilder dump = new ProcessBuilder("mysqldump", "--defaults-file=" + mariadb.clientConfig(),
                "--single-transaction", "--quick", "--", SOURCE);
        ProcessBuilder gzip = new ProcessBuilder("gzip", "-c").redirectOutput(ProcessBuilder.Redirect.DISCARD);
        dump.redirectError(ProcessBuilder.Redirect.DISCARD);
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(dump, gzip));
        for (Process process : pipeline) {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("baseline " + process.info().command().orElse("?") + " exited "
                        + process.exitValue());
            }
        }
        // The size of the dump itself, measured apart so the timed run stays a plain pipeline.
        Process count = new ProcessBuilder("mysqldump", "--defaults-file=" + mariadb.clientConfig(),
                "--single-transaction", "--quick", "--", SOURCE).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long bytes = count.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        count.waitFor();
        return bytes;
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static void report(long dumpBytes, Duration baseline, TransferResult first, Duration backup,
            Duration restore, String restoredRows, long rows, TransferResult second, long afterFirst, long afterSecond,
            TransferResult third, long afterThird) throws IOException {
        double mb = dumpBytes / 1024.0 / 1024.0;
        double baselineRate = mb / seconds(baseline);
        double backupRate = (first.bytes() / 1024.0 / 1024.0) / seconds(backup);
        double restoreFraction = seconds(restore) / Duration.ofHours(4).toSeconds();
        long growth = afterSecond - afterFirst;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Backup of a %.0f MB database dump (%d rows, real MariaDB, SSH and restic):",
                mb, rows));
        lines.add(String.format(Locale.ROOT, "  mysqldump | gzip > /dev/null (baseline):   %6.1f MB/s (%.1f s)",
                baselineRate, seconds(baseline)));
        lines.add(String.format(Locale.ROOT, "  mysqldump over SSH into restic backup:     %6.1f MB/s (%.1f s, %.0f MB stored)",
                backupRate, seconds(backup), afterFirst / 1024.0 / 1024.0));
        lines.add(String.format(Locale.ROOT, "  Ratio SSH+restic / baseline:               %.3f", backupRate / baselineRate));
        lines.add(String.format(Locale.ROOT, "Full restore of that snapshot over SSH into mysql: %.1f s = %.4f of the"
                + " 4 business hours of R3.6-d (%s rows back)", seconds(restore), restoreFraction, restoredRows));
        lines.add(String.format(Locale.ROOT, "Second backup after 5 %% of the rows changed, spread (every 20th row):"
                + " repository grew %.1f MB = %.1f %% of the first backup's %.1f MB (restic data added: %.1f MB)",
                growth / 1024.0 / 1024.0, 100.0 * growth / afterFirst, afterFirst / 1024.0 / 1024.0,
                second.dataAdded() / 1024.0 / 1024.0));
        long clustered = afterThird - afterSecond;
        lines.add(String.format(Locale.ROOT, "Third backup after 5 %% of the rows changed, together (the first 5 %%):"
                + " repository grew %.1f MB = %.1f %% of the first backup (restic data added: %.1f MB)",
                clustered / 1024.0 / 1024.0, 100.0 * clustered / afterFirst, third.dataAdded() / 1024.0 / 1024.0));
        Path out = Path.of("target/bench/backup.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
