package fr.progerance.ops.backup.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.StreamResult;
import fr.progerance.ops.remote.StreamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a finished backup stream is judged (DESIGN rule 13): exit status, standard error, completeness. */
@DisplayName("A backup stream counts only when complete (DESIGN rule 13, R3.6-b)")
class BackupStreamJudgementTest {

    private static StreamingBackupTransfer transfer(boolean acceptChangedFiles) {
        BackupTransferProperties settings = new BackupTransferProperties();
        settings.setAcceptChangedFiles(acceptChangedFiles);
        return new StreamingBackupTransfer(new fr.progerance.ops.remote.JschRemoteExecutor(
                fr.progerance.ops.remote.SshClientSettings.withKey(java.nio.file.Path.of("no-key"))),
                new fr.progerance.ops.backup.restic.ProcessRestic(
                        fr.progerance.ops.backup.restic.ResticSettings.defaults(java.nio.file.Path.of("target/test-backups/restic-cache"))), settings, Clock.systemUTC());
    }

    private static StreamCompleteness completeTar() throws IOException {
        StreamCompleteness tar = StreamCompleteness.tarArchive(OutputStream.nullOutputStream());
        tar.write(new byte[10240]); // an empty archive: its two end blocks and the record's padding
        return tar;
    }

    private static StreamCompleteness completeDump() throws IOException {
        StreamCompleteness dump = StreamCompleteness.sqlDump(OutputStream.nullOutputStream());
        dump.write("-- MariaDB dump\n-- Dump completed on 2024-06-01  2:00:00\n".getBytes(StandardCharsets.UTF_8));
        return dump;
    }

    private static StreamResult result(StreamTemplate template, int exitStatus, String stderr) {
        return new StreamResult(template, exitStatus, 10240, stderr, Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("R3.6-b tar exit 1 (a file changed as we read it) is accepted by default, refused when set so")
    void tarChangedFiles() throws IOException {
        StreamResult changed = result(StreamTemplate.ARCHIVE_SERVER, 1, "tar: ./var/log/syslog: file changed as we read it");

        assertThat(transfer(true).judge(BackupKind.SERVER, changed, completeTar())).isNull();
        assertThat(transfer(true).judge(BackupKind.FILES, changed, completeTar())).isNull();
        assertThat(transfer(false).judge(BackupKind.SERVER, changed, completeTar()))
                .contains("exit status 1").contains("accept-changed-files");
        assertThat(transfer(true).judge(BackupKind.SERVER, result(StreamTemplate.ARCHIVE_SERVER, 2, ""), completeTar()))
                .isEqualTo("exit status 2");
    }

    @Test
    @DisplayName("mysqldump exit 1 is a failure even with a complete-looking dump")
    void dumpExitOne() throws IOException {
        assertThat(transfer(true).judge(BackupKind.DATABASE, result(StreamTemplate.DUMP_DATABASE, 1, ""),
                completeDump())).isEqualTo("exit status 1");
    }

    @Test
    @DisplayName("an error on mysqldump's standard error fails the backup even with exit 0; warnings do not")
    void dumpStandardError() throws IOException {
        assertThat(transfer(true).judge(BackupKind.DATABASE, result(StreamTemplate.DUMP_DATABASE, 0,
                "mysqldump: Couldn't execute 'SHOW TRIGGERS LIKE ...': Lost connection (2013)\n"), completeDump()))
                .contains("reported an error");
        assertThat(transfer(true).judge(BackupKind.DATABASE, result(StreamTemplate.DUMP_DATABASE, 0,
                "mysqldump: [Warning] a warning\nmysqldump: Deprecated program name. It will be removed\n"),
                completeDump())).isNull();
    }

    @Test
    @DisplayName("no exit status (connection lost) is a failure")
    void noExitStatus() throws IOException {
        assertThat(transfer(true).judge(BackupKind.FILES,
                result(StreamTemplate.ARCHIVE_DIRECTORY, CommandResult.NO_EXIT_STATUS, ""), completeTar()))
                .contains("connection was lost");
    }
}
