package fr.progerance.ops.update.shop;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RD-ps: reading the update assistant's console output, without SSH. */
@DisplayName("RD-ps: the update assistant's output")
class AssistantOutputTest {

    private static CommandResult result(int exit, String stdout, String stderr) {
        return new CommandResult(CommandTemplate.ASSISTANT_UPDATE_START, exit, stdout, stderr, Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("RD-ps: backup:create names its backup in 'Database backup done in filename <name>.'")
    void backupName() {
        String out = """
                INFO - Starting backup...
                INFO - Backup files in progress. 1200 files left
                INFO - All files saved. Now backing up database
                INFO - Database backup: 12 table(s) left...
                INFO - Database backup done in filename V8.1.6_20260415-210312-5f3a9c01.
                INFO - Backup completed successfully.
                """;
        assertThat(AssistantOutput.backupName(out)).contains("V8.1.6_20260415-210312-5f3a9c01");
        assertThat(AssistantOutput.backupName("INFO - Database backup done in filename V1.7.8.10_20260101-000000-0\r\n"))
                .contains("V1.7.8.10_20260101-000000-0");
        assertThat(AssistantOutput.backupName("INFO - Backup completed successfully.\n")).isEmpty();
        assertThat(AssistantOutput.backupName("INFO - Database backup done in filename ../../etc.\n")).isEmpty();
        assertThat(AssistantOutput.backupName("INFO - Database backup done in filename V8.1.6_20260415-210312-5f3a9c01;id.\n"))
                .isEmpty();
    }

    @Test
    @DisplayName("RD-ps: the newest backup of a listing is the one with the latest date and time in its name")
    void newest() {
        String listing = """
                V8.1.5_20260301-020000-1a
                V8.1.6_20260415-210312-5f3a9c01
                auto-backupfiles_V8.1.6_20260415-210312-5f3a9c01.zip
                V8.1.6_20260415-091500-ffffffff
                auto-backupfiles_V9.0.0_20270101-000000-1.zip
                index.php
                """;
        assertThat(AssistantOutput.newestBackup(listing)).contains("V8.1.6_20260415-210312-5f3a9c01");
        assertThat(AssistantOutput.newestBackup("index.php\n")).isEmpty();
        assertThat(AssistantOutput.newestBackup("")).isEmpty();
    }

    @Test
    @DisplayName("DESIGN rule 13: a failure quotes the last lines, bounded, the admin directory masked as the assistant masks it")
    void lastLines() {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            out.append("INFO - step ").append(i).append('\n');
        }
        out.append("ERROR - Unable to write /var/www/shop/admin4f7k2q/autoupgrade/latest/x\n");
        out.append("ERROR - ").append("y".repeat(1000)).append('\n');
        String lines = AssistantOutput.lastLines(result(1, out.toString(), "PHP Warning:  bad\u0007thing in admin4f7k2q\n"),
                "admin4f7k2q");
        assertThat(lines).startsWith("INFO - step 38 | INFO - step 39 | INFO - step 40 | ERROR - Unable to write"
                + " /var/www/shop/**admin_folder**/autoupgrade/latest/x | ERROR - yyy")
                .endsWith("y… | PHP Warning:  bad?thing in **admin_folder**")
                .doesNotContain("admin4f7k2q", "step 37");
        assertThat(lines.length()).isLessThan(1000);
        assertThat(AssistantOutput.lastLines(result(1, "", ""), "admin")).isEqualTo("no output");
        assertThat(AssistantOutput.lastLines(result(1, "ERROR - x\n\n" + CommandResult.TRUNCATION_NOTICE
                + " 3 more bytes dropped]\n", "ERROR - x\n"), null)).isEqualTo("ERROR - x");
    }
}
