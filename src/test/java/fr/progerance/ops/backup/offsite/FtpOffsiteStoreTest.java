package fr.progerance.ops.backup.offsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.progerance.ops.backup.offsite.OffsiteStore.MirrorReport;
import fr.progerance.ops.backup.offsite.OffsiteStore.OffsiteCheckReport;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R3.6-a (3-2-1: one copy off-site), R3.6-c (14 rolling days: what prune removes goes off-site too),
 * R8.2 (deletion): the off-site store against a real FTP server (Apache FtpServer) and a real
 * restic 0.14 repository.
 */
class FtpOffsiteStoreTest {

    private static final String COPY = "client-12";

    @TempDir
    static Path shared;

    /** A repository with three backups, built once and copied by each test. */
    private static ResticTestRepository template;
    private static List<String> templateHashes;

    @TempDir
    Path dir;

    private EmbeddedFtpServer ftp;
    private ResticTestRepository repo;
    private FtpOffsiteStore store;

    @BeforeAll
    static void buildRepository() {
        template = ResticTestRepository.init(shared);
        templateHashes = List.of(template.backup(600_000, 1), template.backup(900_000, 2),
                template.backup(1_200_000, 3));
    }

    @BeforeEach
    void setUp() throws IOException {
        copyTree(template.path(), dir.resolve("repo"));
        repo = template.at(dir.resolve("repo"));
        ftp = EmbeddedFtpServer.plain(dir.resolve("ftp"));
        store = new FtpOffsiteStore(ftp.clientSettings());
    }

    @AfterEach
    void tearDown() {
        ftp.close();
    }

    // --- mirror ------------------------------------------------------------------------------

    @Test
    void mirrorCopiesTheRepositoryWithoutLocksConfigKeysDataIndexSnapshotsInThatOrder_R3_6_a() throws IOException {
        Files.writeString(repo.path().resolve("locks").resolve("a".repeat(64)), "lock"); // a lock must stay local

        MirrorReport report = store.mirror(repo.path(), COPY);

        Map<String, Long> local = ResticTestRepository.files(repo.path());
        assertThat(remoteFiles()).isEqualTo(local);
        assertThat(report.filesTransferred()).isEqualTo(local.size());
        assertThat(report.bytesTransferred()).isEqualTo(local.values().stream().mapToLong(Long::longValue).sum());
        assertThat(report.filesDeleted()).isZero();
        assertThat(report.filesInPlace()).isZero();
        assertThat(Files.exists(ftp.home().resolve(COPY).resolve("locks"))).isFalse();
        assertThat(partFiles()).isEmpty();
        // Every upload went to .part first, then was renamed; the renames follow the safe order.
        List<String> renamed = commandArguments("RNTO");
        assertThat(renamed).hasSize(local.size());
        assertThat(renamed.stream().map(FtpOffsiteStoreTest::partRank).toList()).isSorted();
        assertThat(commandArguments("STOR")).allMatch(p -> p.endsWith(".part"));
    }

    @Test
    void secondMirrorUploadsNothing_R3_6_a() {
        store.mirror(repo.path(), COPY);
        ftp.clearCommands();

        MirrorReport again = store.mirror(repo.path(), COPY);

        assertThat(again.filesTransferred()).isZero();
        assertThat(again.bytesTransferred()).isZero();
        assertThat(again.filesDeleted()).isZero();
        assertThat(again.filesInPlace()).isEqualTo(ResticTestRepository.files(repo.path()).size());
        assertThat(ftp.commands()).isEmpty();
    }

    @Test
    void mirrorAfterANewBackupUploadsOnlyTheNewFiles_R3_6_a() {
        store.mirror(repo.path(), COPY);
        int before = ResticTestRepository.files(repo.path()).size();
        repo.backup(300_000, 4);
        int after = ResticTestRepository.files(repo.path()).size();

        MirrorReport report = store.mirror(repo.path(), COPY);

        assertThat(report.filesTransferred()).isEqualTo(after - before);
        assertThat(report.filesInPlace()).isEqualTo(before);
        assertThat(remoteFiles()).isEqualTo(ResticTestRepository.files(repo.path()));
    }

    @Test
    void mirrorAfterForgetAndPruneDeletesRemovedFilesSnapshotsThenIndexThenData_R3_6_c() {
        store.mirror(repo.path(), COPY);
        Map<String, Long> before = ResticTestRepository.files(repo.path());
        repo.forgetKeepLastAndPrune(1);
        Map<String, Long> after = ResticTestRepository.files(repo.path());
        long removed = before.keySet().stream().filter(f -> !after.containsKey(f)).count();
        assertThat(removed).as("prune removed snapshots, indexes and packs").isGreaterThan(2);
        ftp.clearCommands();

        MirrorReport report = store.mirror(repo.path(), COPY);

        assertThat(report.filesDeleted()).isEqualTo(removed);
        assertThat(remoteFiles()).isEqualTo(after);
        List<String> commands = ftp.commands();
        List<String> deletions = commandArguments("DELE");
        assertThat(deletions.stream().map(FtpOffsiteStoreTest::partRank).toList())
                .as("snapshots first, then index, then data")
                .isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(deletions.stream().map(FtpOffsiteStoreTest::partRank).distinct().toList()).contains(4, 3, 2);
        int lastUpload = lastIndexOf(commands, "RNTO");
        int firstDeletion = indexOf(commands, "DELE");
        assertThat(lastUpload).as("new indexes are off-site before any deletion").isLessThan(firstDeletion);
    }

    @Test
    void interruptedMirrorFailsRetryablyThenResumesWithoutSendingCompleteFilesAgain_R3_6_a() {
        List<String> order = uploadOrder();
        Map<String, Long> local = ResticTestRepository.files(repo.path());
        ftp.stopAfterUploads(5); // the server goes down right after the 5th file reached it

        OffsiteException failure = catchThrowableOfType(() -> store.mirror(repo.path(), COPY),
                OffsiteException.class);

        assertThat(failure).isNotNull();
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("127.0.0.1:" + ftp.port()).contains("mirror of " + COPY)
                .doesNotContain(EmbeddedFtpServer.PASSWORD);
        ftp.start();
        ftp.clearCommands();

        MirrorReport resumed = store.mirror(repo.path(), COPY);

        assertThat(remoteFiles()).isEqualTo(local);
        assertThat(partFiles()).isEmpty();
        assertThat(resumed.filesInPlace()).as("the 4 files renamed before the stop").isEqualTo(4);
        assertThat(resumed.filesTransferred()).isEqualTo(local.size() - 4);
        long notSentAgain = order.subList(0, 5).stream().mapToLong(local::get).sum();
        long total = local.values().stream().mapToLong(Long::longValue).sum();
        assertThat(resumed.bytesTransferred()).as("the 5th file was complete as .part: only renamed")
                .isEqualTo(total - notSentAgain);
        assertThat(commandArguments("STOR")).noneMatch(p -> order.subList(0, 5).stream().anyMatch(p::contains));
    }

    @Test
    void fileRetriesResumeOnANewConnectionWithinTheSameMirror_R3_6_a() {
        FtpOffsiteStore retrying = new FtpOffsiteStore(ftp.clientSettings().withFileRetries(1));
        ftp.disconnectAfterUploads(3); // the connection drops once; the server stays up

        MirrorReport report = retrying.mirror(repo.path(), COPY);

        Map<String, Long> local = ResticTestRepository.files(repo.path());
        assertThat(remoteFiles()).isEqualTo(local);
        assertThat(partFiles()).isEmpty();
        assertThat(report.filesTransferred()).isEqualTo(local.size());
        long third = local.get(uploadOrder().get(2)); // complete as .part when the connection dropped: renamed only
        assertThat(report.bytesTransferred()).isEqualTo(local.values().stream().mapToLong(Long::longValue).sum() - third);
        assertThat(commandArguments("STOR")).hasSize(local.size()).doesNotHaveDuplicates();
    }

    @Test
    void withoutFileRetriesTheFirstDroppedConnectionEndsTheMirror_R3_6_a() {
        ftp.disconnectAfterUploads(3);

        OffsiteException e = catchThrowableOfType(() -> store.mirror(repo.path(), COPY), OffsiteException.class);

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("mirror of " + COPY);
    }

    @Test
    void leftoverPartIsContinuedWithRestartOffset_R3_6_a() throws IOException {
        store.mirror(repo.path(), COPY);
        String pack = largestPack();
        Path remote = ftp.home().resolve(COPY).resolve(pack);
        long size = Files.size(remote);
        Path part = remote.resolveSibling(remote.getFileName() + ".part");
        Files.move(remote, part);
        try (RandomAccessFile file = new RandomAccessFile(part.toFile(), "rw")) {
            file.setLength(size / 3); // an upload cut at a third
        }
        ftp.clearCommands();

        MirrorReport report = store.mirror(repo.path(), COPY);

        assertThat(report.filesTransferred()).isEqualTo(1);
        assertThat(report.bytesTransferred()).isEqualTo(size - size / 3);
        assertThat(ftp.commands()).contains("REST " + size / 3);
        assertThat(Files.readAllBytes(remote)).isEqualTo(Files.readAllBytes(repo.path().resolve(pack)));
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void remoteFileOfWrongSizeIsReplaced_R3_6_a() throws IOException {
        store.mirror(repo.path(), COPY);
        String pack = largestPack();
        Path remote = ftp.home().resolve(COPY).resolve(pack);
        try (RandomAccessFile file = new RandomAccessFile(remote.toFile(), "rw")) {
            file.setLength(10);
        }

        MirrorReport report = store.mirror(repo.path(), COPY);

        assertThat(report.filesTransferred()).isEqualTo(1);
        assertThat(Files.readAllBytes(remote)).isEqualTo(Files.readAllBytes(repo.path().resolve(pack)));
    }

    @Test
    void mirrorWithListInsteadOfMlsdGivesTheSameCopy_R3_6_a() {
        FtpOffsiteStore listing = store.listingWithoutMlsd();

        listing.mirror(repo.path(), COPY);
        MirrorReport again = listing.mirror(repo.path(), COPY);

        assertThat(remoteFiles()).isEqualTo(ResticTestRepository.files(repo.path()));
        assertThat(again.filesTransferred()).isZero();
    }

    @Test
    void mirrorRefusesToOverwriteTheCopyOfAnotherRepository_R3_6_a() {
        store.mirror(repo.path(), COPY);
        Map<String, Long> offsite = remoteFiles();
        ResticTestRepository other = ResticTestRepository.init(dir.resolve("other"));

        OffsiteException e = catchThrowableOfType(() -> store.mirror(other.path(), COPY), OffsiteException.class);

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("belongs to another restic repository");
        assertThat(remoteFiles()).isEqualTo(offsite);
    }

    // --- fetch -------------------------------------------------------------------------------

    @Test
    void fetchedCopyAloneRestoresEverySnapshot_R3_6_a() {
        store.mirror(repo.path(), COPY);
        List<String> snapshots = repo.snapshotIds();
        Path restored = dir.resolve("restored");

        MirrorReport report = store.fetch(COPY, restored);

        assertThat(report.filesTransferred()).isEqualTo(ResticTestRepository.files(repo.path()).size());
        ResticTestRepository fetched = repo.at(restored);
        assertThat(fetched.snapshotIds()).isEqualTo(snapshots);
        for (int i = 0; i < snapshots.size(); i++) {
            assertThat(fetched.dumpSha256(snapshots.get(i))).isEqualTo(templateHashes.get(i));
        }
        fetched.check();
    }

    @Test
    void fetchRefusesACorruptFileAndANonEmptyTarget_R3_6_a() throws IOException {
        store.mirror(repo.path(), COPY);
        flipAByte(ftp.home().resolve(COPY).resolve(largestPack()));

        OffsiteException corrupt = catchThrowableOfType(() -> store.fetch(COPY, dir.resolve("restored")),
                OffsiteException.class);
        assertThat(corrupt.retryable()).isFalse();
        assertThat(corrupt.getMessage()).contains("corrupt").contains(largestPack());

        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> store.fetch(COPY, busy)).isInstanceOf(OffsiteException.class)
                .hasMessageContaining("must be empty");
    }

    // --- check -------------------------------------------------------------------------------

    @Test
    void checkOfASoundCopyReportsNothing_R3_6_a() {
        store.mirror(repo.path(), COPY);

        OffsiteCheckReport all = store.check(repo.path(), COPY, 0, 1);

        assertThat(all.sound()).as("%s", all.problems()).isTrue();
        assertThat(all.filesChecked()).isEqualTo(ResticTestRepository.files(repo.path()).size());
        int rotated = 0;
        for (int n = 0; n < 3; n++) {
            OffsiteCheckReport third = store.check(repo.path(), COPY, n, 3);
            assertThat(third.sound()).isTrue();
            rotated += third.filesChecked();
        }
        assertThat(rotated).as("the subsets n/3 cover every file once").isEqualTo(all.filesChecked());
    }

    @Test
    void checkReportsACorruptPackAndASizeMismatch_R3_6_a() throws IOException {
        store.mirror(repo.path(), COPY);
        String pack = largestPack();
        flipAByte(ftp.home().resolve(COPY).resolve(pack));
        String index = firstFile("index");
        Files.write(ftp.home().resolve(COPY).resolve(index), new byte[] {1, 2, 3});

        OffsiteCheckReport report = store.check(repo.path(), COPY, 0, 1);

        assertThat(report.sound()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.startsWith("corrupt off-site: " + pack));
        assertThat(report.problems()).anyMatch(p -> p.startsWith("size differs: " + index));
        assertThat(report.problems()).hasSize(2);
    }

    @Test
    void checkReportsAMissingFile_R3_6_a() throws IOException {
        store.mirror(repo.path(), COPY);
        String snapshot = firstFile("snapshots");
        Files.delete(ftp.home().resolve(COPY).resolve(snapshot));

        OffsiteCheckReport report = store.check(repo.path(), COPY, 0, 1);

        assertThat(report.problems()).singleElement().asString().startsWith("missing off-site: " + snapshot);
    }

    // --- delete ------------------------------------------------------------------------------

    @Test
    void deleteRemovesTheWholeCopyAndIsIdempotent_R8_2() {
        store.mirror(repo.path(), COPY);
        store.mirror(repo.path(), "client-13");

        store.delete(COPY);
        store.delete(COPY);

        assertThat(Files.exists(ftp.home().resolve(COPY))).isFalse();
        assertThat(remoteFiles("client-13")).isEqualTo(ResticTestRepository.files(repo.path()));
        List<String> deletions = commandArguments("DELE").stream().filter(p -> p.contains(COPY + "/")).toList();
        assertThat(deletions.get(0)).contains("/snapshots/");
        assertThat(deletions.get(deletions.size() - 1)).endsWith("/config");
    }

    // --- failures ----------------------------------------------------------------------------

    @Test
    void ftpServerDownAtTheStartIsRetryableAndNamesHostAndPort_R3_6_a() {
        ftp.stop();

        OffsiteException e = catchThrowableOfType(() -> store.mirror(repo.path(), COPY), OffsiteException.class);

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("127.0.0.1:" + ftp.port()).contains("cannot connect");
    }

    @Test
    void wrongPasswordIsNotRetryableAndNeverShown_R3_6_a() {
        String wrong = "wrong-password-7f3a";
        FtpOffsiteStore wrongStore = new FtpOffsiteStore(ftp.clientSettings().withPasswordFile(ftp.passwordFile(wrong)));

        OffsiteException e = catchThrowableOfType(() -> wrongStore.mirror(repo.path(), COPY), OffsiteException.class);

        assertThat(e.retryable()).isFalse();
        assertThat(e.replyCode()).isEqualTo(530);
        assertThat(e.getMessage()).contains("refused the login of user 'offsite'").contains("530")
                .doesNotContain(wrong).doesNotContain(EmbeddedFtpServer.PASSWORD);
    }

    @Test
    void passwordFileReadableByOthersIsRefusedBeforeLogin_R3_6_a() throws IOException {
        Path open = ftp.passwordFile(EmbeddedFtpServer.PASSWORD);
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        FtpOffsiteStore openStore = new FtpOffsiteStore(ftp.clientSettings().withPasswordFile(open));

        OffsiteException e = catchThrowableOfType(() -> openStore.mirror(repo.path(), COPY), OffsiteException.class);

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("chmod 600").contains("ops.backup.offsite.password-file");
        assertThat(commandArguments("MKD")).isEmpty();
    }

    @Test
    void pathsThatCouldEscapeTheBaseDirectoryAreRefusedBeforeAnyConnection_R3_6_a() {
        ftp.stop(); // a connection attempt would fail differently (retryable "cannot connect")

        for (String name : List.of("../x", "a/../b", "/abs", "a b", "x\r\nDELE y", "", "a//b", "..")) {
            OffsiteException e = catchThrowableOfType(() -> store.mirror(repo.path(), name), OffsiteException.class);
            assertThat(e).as(name).isNotNull();
            assertThat(e.retryable()).as(name).isFalse();
            assertThat(e.getMessage()).as(name).contains("refused").doesNotContain("cannot connect");
        }
        assertThatThrownBy(() -> store.delete("../x")).isInstanceOf(OffsiteException.class).hasMessageContaining(
                "refused");
        assertThatThrownBy(() -> store.fetch("..", dir.resolve("t"))).isInstanceOf(OffsiteException.class);
    }

    @Test
    void notConfiguredStoreFailsWithoutRetryNamingTheSetting_R3_6_a() {
        FtpOffsiteStore unconfigured = new FtpOffsiteStore(new OffsiteSettings(null, 0, null, null, null, null, null,
                null, null, true, null, null, 0));

        for (Runnable call : List.<Runnable>of(() -> unconfigured.mirror(repo.path(), COPY),
                () -> unconfigured.fetch(COPY, dir.resolve("t")), () -> unconfigured.check(repo.path(), COPY, 0, 1),
                () -> unconfigured.delete(COPY))) {
            OffsiteException e = catchThrowableOfType(call::run, OffsiteException.class);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("not configured").contains("ops.backup.offsite.host");
        }
    }

    @Test
    void baseDirectoryHoldsTheCopies_R3_6_a() {
        FtpOffsiteStore based = new FtpOffsiteStore(ftp.clientSettings().withBaseDirectory("backups/restic"));

        based.mirror(repo.path(), COPY);

        assertThat(ResticTestRepository.files(ftp.home().resolve("backups/restic").resolve(COPY)))
                .isEqualTo(ResticTestRepository.files(repo.path()));
    }

    // --- helpers -----------------------------------------------------------------------------

    private Map<String, Long> remoteFiles() {
        return remoteFiles(COPY);
    }

    private Map<String, Long> remoteFiles(String name) {
        return ResticTestRepository.files(ftp.home().resolve(name));
    }

    /** The local files in the order the mirror uploads them. */
    private List<String> uploadOrder() {
        List<String> order = new ArrayList<>(ResticTestRepository.files(repo.path()).keySet());
        order.sort((a, b) -> partRank(a) != partRank(b) ? Integer.compare(partRank(a), partRank(b)) : a.compareTo(b));
        return order;
    }

    private List<String> partFiles() {
        try (Stream<Path> walk = Files.walk(ftp.home())) {
            return walk.map(Path::toString).filter(p -> p.endsWith(".part")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> commandArguments(String command) {
        return ftp.commands().stream().filter(c -> c.startsWith(command + " "))
                .map(c -> c.substring(command.length() + 1)).toList();
    }

    private String largestPack() {
        return ResticTestRepository.files(repo.path()).entrySet().stream().filter(e -> e.getKey().startsWith("data/"))
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private String firstFile(String directory) {
        return ResticTestRepository.files(repo.path()).keySet().stream().filter(f -> f.startsWith(directory + "/"))
                .findFirst().orElseThrow();
    }

    /** 0 config, 1 keys, 2 data, 3 index, 4 snapshots: the safe upload order. */
    static int partRank(String path) {
        if (path.contains("/keys/") || path.startsWith("keys/")) {
            return 1;
        }
        if (path.contains("/data/") || path.startsWith("data/")) {
            return 2;
        }
        if (path.contains("/index/") || path.startsWith("index/")) {
            return 3;
        }
        if (path.contains("/snapshots/") || path.startsWith("snapshots/")) {
            return 4;
        }
        return 0;
    }

    private static int indexOf(List<String> commands, String command) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(command + " ")) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<String> commands, String command) {
        for (int i = commands.size() - 1; i >= 0; i--) {
            if (commands.get(i).startsWith(command + " ")) {
                return i;
            }
        }
        return -1;
    }

    private static void flipAByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long position = raf.length() / 2;
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0xff);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
