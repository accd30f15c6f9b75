package fr.progerance.ops.backup.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.MariaDbServer;
import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.restic.ProcessRestic;
import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSettings;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.EmbeddedSshServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming backup transfer with its real peers (DESIGN rule 10): a real SSH server running the
 * real mysqldump, mysql and GNU tar against a real MariaDB, and the real restic. The SSH user's
 * {@code ~/.my.cnf} reaches the test MariaDB; {@code sudo} is a stand-in that runs its command as the
 * test user; a {@code mysqldump} wrapper plays the faults for a few database names and runs the real
 * program for every other.
 */
@DisplayName("Backups stream from the server into restic and back (R3.6-b, R3.6-d, DESIGN rule 13)")
class StreamingBackupTransferTest {

    @RegisterExtension
    static final MariaDbServer MARIADB = MariaDbServer.shared();

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    static Path dir;

    private static ResticRepository repository;
    private static Restic RESTIC;

    private String run;

    @BeforeAll
    static void peers() throws IOException {
        MARIADB.start();
        Path home = Files.createDirectories(dir.resolve("home"));
        MARIADB.writeClientConfig(home.resolve(".my.cnf"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("sudo"), """
                [ "$1" = "-n" ] && shift
                exec "$@"
                """);
        script(bin.resolve("mysqldump"), """
                for db; do :; done
                case "$db" in
                  fault_exit_halfway)
                    printf -- '-- MariaDB dump 10.19\\nCREATE TABLE t (x int);\\nINSERT INTO t VALUES (1),(2'
                    echo "mysqldump: Error 2013: Lost connection to server during query when dumping table t" >&2
                    exit 2 ;;
                  fault_truncated)
                    printf -- '-- MariaDB dump 10.19\\nCREATE TABLE t (x int);\\nINSERT INTO t VALUES (1),(2'
                    exit 0 ;;
                  fault_drop)
                    printf -- '-- MariaDB dump 10.19\\nCREATE TABLE t (x int);\\n'
                    touch "$STREAM_DIR/drop.started"
                    exec sleep 60 ;;
                  *) exec %s "$@" ;;
                esac
                """.formatted(realProgram("mysqldump")));
        SSH.start().environment("HOME", home.toString()).environment("STREAM_DIR", dir.toString()).prependPath(bin);
        Path password = dir.resolve("restic-password");
        Files.writeString(password, "test-repository-password\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        repository = new ResticRepository(dir.resolve("repository"), password);
        RESTIC = new ProcessRestic(ResticSettings.defaults(dir.resolve("restic-cache")));
        RESTIC.initIfMissing(repository);
    }

    @BeforeEach
    void newRun() {
        run = "run=" + UUID.randomUUID();
    }

    private static StreamingBackupTransfer transfer(Restic restic) {
        return new StreamingBackupTransfer(SSH.executor(), restic, new BackupTransferProperties(), Clock.systemUTC());
    }

    private static StreamingBackupTransfer transfer() {
        return transfer(RESTIC);
    }

    private List<ResticSnapshot> snapshotsOfThisRun() {
        return RESTIC.snapshots(repository, List.of(run));
    }

    // --- database --------------------------------------------------------------------------------

    @Test
    @DisplayName("R3.6-b/R3.6-d a database backup restores into another database with identical rows and checksums")
    void databaseRoundTrip() {
        MARIADB.createDatabase("shop_source");
        MARIADB.loadPrestaShopFixture("shop_source");
        MARIADB.createDatabase("shop_restored");

        TransferResult backup = transfer().backup(SSH.target(), new BackupSource(BackupKind.DATABASE, "shop_source"),
                repository, List.of(run, "server=12"));

        List<ResticSnapshot> snapshots = snapshotsOfThisRun();
        assertThat(snapshots).singleElement().satisfies(s -> {
            assertThat(s.tags()).contains(run, "server=12", "kind=database");
            assertThat(s.paths()).containsExactly("/shop_source.sql");
            assertThat(s.id()).startsWith(backup.snapshotId());
        });
        assertThat(backup.bytes()).isGreaterThan(1_000_000);
        assertThat(backup.dataAdded()).isPositive();

        TransferResult restore = transfer().restore(SSH.target(), repository, backup.snapshotId(),
                new RestoreDestination(BackupKind.DATABASE, "shop_restored"));

        assertThat(restore.bytes()).isEqualTo(backup.bytes());
        Map<String, Long> counts = MARIADB.rowCounts("shop_source");
        assertThat(counts).containsEntry("ps_orders", 5000L).containsEntry("ps_customer", 2000L)
                .containsEntry("ps_product", 1500L).containsEntry("ps_configuration", 300L);
        assertThat(MARIADB.rowCounts("shop_restored")).isEqualTo(counts);
        assertThat(MARIADB.tableChecksums("shop_restored")).isEqualTo(MARIADB.tableChecksums("shop_source"));
        assertThat(MARIADB.query("shop_restored", "SELECT lastname FROM ps_customer WHERE id_customer = 2"))
                .containsExactly("Back\\\\slash 2"); // batch output escapes the backslash
        assertThat(MARIADB.query(null, "SELECT ROUTINE_NAME FROM information_schema.ROUTINES"
                + " WHERE ROUTINE_SCHEMA = 'shop_restored'")).containsExactly("ps_count_orders");
        assertThat(MARIADB.query(null, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = 'shop_restored'")).containsExactly("ps_product_touch");

        CommandResult check = SSH.executor().run(SSH.target(), CommandTemplate.CHECK_TABLES, "shop_restored");
        assertThat(check.exitStatus()).isZero();
        assertThat(check.stdout()).contains("shop_restored.ps_orders", "shop_restored.ps_customer");
    }

    @Test
    @DisplayName("R3.6-d a restore into a database that does not exist fails with mysql's exit status and error")
    void restoreIntoMissingDatabase() {
        MARIADB.createDatabase("shop_small");
        MARIADB.execute("shop_small", "CREATE TABLE t (x INT); INSERT INTO t VALUES (1);");
        MARIADB.dropDatabase("shop_nowhere");
        TransferResult backup = transfer().backup(SSH.target(), new BackupSource(BackupKind.DATABASE, "shop_small"),
                repository, List.of(run));

        assertThatThrownBy(() -> transfer().restore(SSH.target(), repository, backup.snapshotId(),
                new RestoreDestination(BackupKind.DATABASE, "shop_nowhere")))
                .isInstanceOfSatisfying(BackupTransferException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("exit status 1").hasMessageContaining("Unknown database");
    }

    @Test
    @DisplayName("R3.6-d a restore refuses an unknown snapshot and a snapshot of another kind")
    void restoreRefusals() {
        MARIADB.createDatabase("shop_kind");
        TransferResult backup = transfer().backup(SSH.target(), new BackupSource(BackupKind.DATABASE, "shop_kind"),
                repository, List.of(run));

        assertThatThrownBy(() -> transfer().restore(SSH.target(), repository, "deadbeef",
                new RestoreDestination(BackupKind.DATABASE, "shop_kind")))
                .isInstanceOfSatisfying(BackupTransferException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("no such snapshot");
        assertThatThrownBy(() -> transfer().restore(SSH.target(), repository, backup.snapshotId(),
                new RestoreDestination(BackupKind.FILES, dir.toString())))
                .isInstanceOfSatisfying(BackupTransferException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("holds a database backup");
    }

    // --- files -----------------------------------------------------------------------------------

    @Test
    @DisplayName("R3.6-b/R3.6-d a files backup restores an identical tree: odd names, empty dirs, a symlink")
    void filesRoundTrip() throws Exception {
        Path shop = Files.createDirectories(dir.resolve("shop-files-" + UUID.randomUUID()));
        Files.createDirectories(shop.resolve("img/p/1"));
        Files.createDirectories(shop.resolve("var/cache/empty"));
        Files.createDirectories(shop.resolve("themes/classic « été »"));
        Files.writeString(shop.resolve("config.inc.php"), "<?php define('_DB_PASSWD_', \"x\\y\");\n");
        Files.writeString(shop.resolve("themes/classic « été »/l'index; rm -rf $HOME.tpl"), "{* Smarty *}\n");
        Files.writeString(shop.resolve("a name\nwith a newline.txt"), "odd\n");
        Files.write(shop.resolve("img/p/1/1.jpg"), randomBytes(300_000));
        Files.write(shop.resolve("img/p/1/zeros.bin"), new byte[100_000]);
        Files.createFile(shop.resolve("empty.txt"));
        Files.createSymbolicLink(shop.resolve("current-theme"), Path.of("themes/classic « été »"));
        Files.setPosixFilePermissions(shop.resolve("config.inc.php"), PosixFilePermissions.fromString("rw-r-----"));
        Path target = Files.createDirectories(dir.resolve("restored-" + UUID.randomUUID()));

        TransferResult backup = transfer().backup(SSH.target(), new BackupSource(BackupKind.FILES, shop.toString()),
                repository, List.of(run));
        assertThat(snapshotsOfThisRun()).singleElement().satisfies(s -> {
            assertThat(s.tags()).contains("kind=files");
            assertThat(s.paths()).containsExactly("/files.tar");
        });
        transfer().restore(SSH.target(), repository, backup.snapshotId(),
                new RestoreDestination(BackupKind.FILES, target.toString()));

        assertThat(describeTree(target)).isEqualTo(describeTree(shop)).containsKey("var/cache/empty")
                .containsEntry("current-theme", "link -> themes/classic « été »");
    }

    @Test
    @DisplayName("R3.6-b a server backup leaves out pseudo and temporary file systems, relative to its root")
    void serverBackupExcludes() throws Exception {
        Path root = Files.createDirectories(dir.resolve("server-root-" + UUID.randomUUID()));
        for (String d : List.of("etc", "proc/1", "sys/kernel", "dev", "run/lock", "tmp", "var/tmp", "var/lib/mysql",
                "home/client/tmp")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(root.resolve("etc/hostname"), "shop1\n");
        Files.writeString(root.resolve("proc/1/status"), "pseudo\n");
        Files.writeString(root.resolve("tmp/session"), "temporary\n");
        Files.writeString(root.resolve("var/tmp/cache"), "temporary\n");
        Files.writeString(root.resolve("home/client/tmp/kept"), "not the root's tmp\n");
        Path target = Files.createDirectories(dir.resolve("server-restored-" + UUID.randomUUID()));

        TransferResult backup = transfer().backup(SSH.target(), new BackupSource(BackupKind.SERVER, root.toString()),
                repository, List.of(run));
        transfer().restore(SSH.target(), repository, backup.snapshotId(),
                new RestoreDestination(BackupKind.SERVER, target.toString()));

        assertThat(describeTree(target).keySet()).contains("etc/hostname", "var/lib/mysql", "home/client/tmp/kept")
                .doesNotContain("proc", "sys", "dev", "run", "tmp", "var/tmp", "proc/1/status", "tmp/session");
    }

    // --- faults: no snapshot remains -------------------------------------------------------------

    @Test
    @DisplayName("DESIGN rule 13: a dump of a database that does not exist fails (exit 2) and leaves no snapshot")
    void missingDatabase() {
        MARIADB.dropDatabase("shop_missing");

        assertThatThrownBy(() -> transfer().backup(SSH.target(), new BackupSource(BackupKind.DATABASE, "shop_missing"),
                repository, List.of(run)))
                .isInstanceOfSatisfying(BackupTransferException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("Backup database of ops@127.0.0.1")
                .hasMessageContaining("(shop_missing)")
                .hasMessageContaining("exit status 2")
                .hasMessageContaining("Unknown database");
        assertThat(snapshotsOfThisRun()).isEmpty();
    }

    @Test
    @DisplayName("DESIGN rule 13: a dump that fails halfway (partial output, exit 2) leaves no snapshot")
    void dumpFailsHalfway() {
        assertThatThrownBy(() -> transfer().backup(SSH.target(),
                new BackupSource(BackupKind.DATABASE, "fault_exit_halfway"), repository, List.of(run)))
                .isInstanceOf(BackupTransferException.class)
                .hasMessageContaining("exit status 2")
                .hasMessageContaining("Lost connection to server during query")
                .hasMessageContaining("no snapshot saved");
        assertThat(snapshotsOfThisRun()).isEmpty();
    }

    @Test
    @DisplayName("DESIGN rule 13: a dump without its completion line (exit 0) is truncated and leaves no snapshot")
    void truncatedDump() {
        assertThatThrownBy(() -> transfer().backup(SSH.target(),
                new BackupSource(BackupKind.DATABASE, "fault_truncated"), repository, List.of(run)))
                .isInstanceOf(BackupTransferException.class)
                .hasMessageContaining("does not end with its \"-- Dump completed\" line");
        assertThat(snapshotsOfThisRun()).isEmpty();
    }

    @Test
    @DisplayName("DESIGN trap: when restic saves the broken stream anyway, that snapshot is forgotten")
    void snapshotOfBrokenStreamForgotten() {
        assertThatThrownBy(() -> transfer(savingOnBrokenInput(RESTIC)).backup(SSH.target(),
                new BackupSource(BackupKind.DATABASE, "fault_truncated"), repository, List.of(run)))
                .isInstanceOf(BackupTransferException.class)
                .hasMessageContaining("does not end with its \"-- Dump completed\" line")
                .hasMessageMatching("(?s).*snapshot [0-9a-f]{8} forgotten.*");
        assertThat(snapshotsOfThisRun()).isEmpty();
    }

    @Test
    @DisplayName("DESIGN rule 13: an SSH connection dropped mid-stream fails, retryable, and leaves no snapshot")
    void connectionDropped() throws Exception {
        Files.deleteIfExists(dir.resolve("drop.started"));
        CompletableFuture<TransferResult> backup = CompletableFuture.supplyAsync(() -> transfer().backup(SSH.target(),
                new BackupSource(BackupKind.DATABASE, "fault_drop"), repository, List.of(run)));
        awaitFile(dir.resolve("drop.started"));

        SSH.dropConnections();

        assertThatThrownBy(() -> backup.get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(BackupTransferException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("connection was lost");
        assertThat(snapshotsOfThisRun()).isEmpty();
    }

    @Test
    @DisplayName("DESIGN rule 8: a host key mismatch is not retryable and leaves no snapshot")
    void hostKeyMismatch() {
        String other = new EmbeddedSshServer().hostKeyFingerprint();

        assertThatThrownBy(() -> transfer().backup(SSH.targetPinning(other),
                new BackupSource(BackupKind.DATABASE, "shop_source"), repository, List.of(run)))
                .isInstanceOfSatisfying(BackupTransferException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("host key mismatch");
        assertThat(snapshotsOfThisRun()).isEmpty();
        assertThat(SSH.executedCommands()).isEmpty();
    }

    @Test
    @DisplayName("DESIGN rule 8: a bad name is refused before connecting, not retryable")
    void refusedBeforeConnecting() {
        assertThatThrownBy(() -> transfer().backup(SSH.target(),
                new BackupSource(BackupKind.FILES, "/var/www/../../etc"), repository, List.of(run)))
                .isInstanceOfSatisfying(BackupTransferException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("refused before connecting");
        assertThat(SSH.connectionCount()).isZero();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String realProgram(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(d, name);
            if (!d.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed (Debian package mariadb-client)");
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    /** Relative path to type, permissions and content hash (or link target), for every entry under root. */
    private static Map<String, String> describeTree(Path root) throws Exception {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String relative = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    tree.put(relative, "link -> " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(relative, "dir " + permissions(path));
                } else {
                    tree.put(relative, "file " + permissions(path) + " " + HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path))));
                }
            }
        }
        return tree;
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stand-in script never started: no " + file);
            }
            Thread.sleep(20);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The real restic behind an input that ends quietly where the stream broke, as a naive pipeline
     * would: restic then saves a snapshot of what it read (the DESIGN trap the transfer cleans up).
     */
    private static Restic savingOnBrokenInput(Restic real) {
        return (Restic) java.lang.reflect.Proxy.newProxyInstance(Restic.class.getClassLoader(),
                new Class<?>[] {Restic.class}, (proxy, method, args) -> {
                    if (method.getName().equals("backupStdin")) {
                        java.io.InputStream data = (java.io.InputStream) args[4];
                        args[4] = new java.io.FilterInputStream(data) {
                            @Override
                            public int read(byte[] b, int off, int len) {
                                try {
                                    return super.read(b, off, len);
                                } catch (IOException broken) {
                                    return -1;
                                }
                            }
                        };
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
