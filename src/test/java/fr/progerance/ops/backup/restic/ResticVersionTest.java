package fr.progerance.ops.backup.restic;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Reading and comparing restic versions; the start-up warning. */
@DisplayName("restic versions: read from 'restic version', compared with ops.backup.restic.minimum-version")
class ResticVersionTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the version line of Debian's and of self-built restic binaries is read")
    void versionLines() {
        assertThat(ResticVersion.fromOutput("restic 0.14.0 compiled with go1.19.8 on linux/amd64\n"))
                .contains("0.14.0");
        assertThat(ResticVersion.fromOutput("restic 0.16.4-dev (compiled manually) compiled with go1.21 on linux"))
                .contains("0.16.4-dev");
        assertThat(ResticVersion.fromOutput("restic 0.9.6 compiled with go1.13")).contains("0.9.6");
        assertThat(ResticVersion.fromOutput("rustic 0.5.0")).isEmpty();
        assertThat(ResticVersion.fromOutput("")).isEmpty();
    }

    @Test
    @DisplayName("versions compare number by number, a suffix ignored")
    void comparison() {
        ResticVersion minimum = ResticVersion.parse("0.14.0").orElseThrow();
        assertThat(ResticVersion.parse("0.9.6").orElseThrow()).isLessThan(minimum);
        assertThat(ResticVersion.parse("0.13.99").orElseThrow()).isLessThan(minimum);
        assertThat(ResticVersion.parse("0.14.0-dev").orElseThrow()).isEqualByComparingTo(minimum);
        assertThat(ResticVersion.parse("0.17.3").orElseThrow()).isGreaterThan(minimum);
        assertThat(ResticVersion.parse("1.0.0").orElseThrow()).isGreaterThan(minimum);
        assertThat(ResticVersion.parse("0.14")).isEmpty();
    }

    @Test
    @DisplayName("at start-up a missing or too old restic is a WARN, not a failure")
    void startupWarning() {
        Logger logger = (Logger) LoggerFactory.getLogger(ResticStartupCheck.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Path old = ResticFixture.script(dir, "old", "echo 'restic 0.9.6 compiled with go1.13 on linux/amd64'");
            new ResticStartupCheck(new ProcessRestic(ResticFixture.settings(dir).withBinary(old.toString()))).check();
            new ResticStartupCheck(new ProcessRestic(ResticFixture.settings(dir)
                    .withBinary(dir.resolve("missing").toString()))).check();
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).hasSize(2).allSatisfy(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("WARN");
            assertThat(event.getFormattedMessage()).startsWith("Backups cannot run: ")
                    .contains("ops.backup.restic.binary");
        });
        assertThat(appender.list.get(0).getFormattedMessage()).contains("0.9.6", "0.14.0");
    }
}
