package fr.progerance.ops.backup.restic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** DESIGN rule 6: the password of a repository appears in no log line and no exception message. */
@DisplayName("restic passwords never reach a log or an exception message (DESIGN rule 6)")
class ResticLoggingTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;
    private Level previousLevel;

    @BeforeAll
    static void resticInstalled() {
        ResticFixture.requireRestic();
    }

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger("fr.progerance.ops.backup");
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG); // the command lines too
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stopCapture() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
    }

    @Test
    @DisplayName("a whole backup, restore, maintenance and failures log no password")
    void passwordNeverLogged() throws Exception {
        ProcessRestic restic = ResticFixture.restic(dir);
        ResticRepository repository = ResticFixture.repository(dir, "repo");
        String password = Files.readString(repository.passwordFile()).strip();
        List<Throwable> failures = new ArrayList<>();

        restic.initIfMissing(repository);
        ResticBackupSummary summary = restic.backupStdin(repository, "shop.sql", List.of("kind=database"), null,
                new ByteArrayInputStream(ResticFixture.data(10_000, 9)));
        restic.snapshots(repository, List.of("kind=database"));
        restic.dump(repository, summary.snapshotId(), "/shop.sql", new ByteArrayOutputStream());
        restic.restoreSize(repository, summary.snapshotId());
        restic.locks(repository);
        new ResticLocks(restic, restic.processes(), java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(30))
                .removeStaleLocks(repository);
        restic.forget(repository, List.of(summary.snapshotId()), true);
        restic.check(repository, "1/2");
        ResticRepository wrong = new ResticRepository(repository.location(),
                ResticFixture.passwordFile(dir.resolve("wrong"), "wrong.password"));
        String wrongPassword = Files.readString(wrong.passwordFile()).strip();
        failures.add(catchThrowable(() -> restic.snapshots(wrong, List.of())));
        Files.setPosixFilePermissions(repository.passwordFile(), PosixFilePermissions.fromString("rw-r-----"));
        failures.add(catchThrowable(() -> restic.snapshots(repository, List.of())));

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("--repo", repository.location().toString()))
                .anySatisfy(line -> assertThat(line).contains("restic backup into"))
                .allSatisfy(line -> assertThat(line).doesNotContain(password, wrongPassword));
        assertThat(appender.list).map(ILoggingEvent::getThrowableProxy).filteredOn(p -> p != null)
                .allSatisfy(proxy -> assertThat(describe(proxy)).doesNotContain(password, wrongPassword));
        assertThat(failures).hasSize(2).allSatisfy(failure -> {
            assertThat(failure).isInstanceOf(ResticException.class);
            assertThat(failure.getMessage()).doesNotContain(password, wrongPassword);
        });
    }

    private static String describe(IThrowableProxy proxy) {
        StringBuilder text = new StringBuilder();
        for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
            text.append(p.getClassName()).append(": ").append(p.getMessage()).append('\n');
        }
        return text.toString();
    }
}
