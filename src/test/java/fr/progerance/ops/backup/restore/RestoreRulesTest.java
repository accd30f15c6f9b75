package fr.progerance.ops.backup.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The restore record's rules and the restore and drill settings, without an engine. */
class RestoreRulesTest {

    private static final Instant DUE = Instant.parse("2026-03-16T10:30:00Z");

    @Test
    @DisplayName("R3.6-d: the deadline is met when the restore finished at or before the due instant; not while unfinished")
    void deadlineMet() {
        assertThat(RestoreRequest.deadlineMet(DUE, DUE.minusSeconds(1))).isTrue();
        assertThat(RestoreRequest.deadlineMet(DUE, DUE)).as("the due instant itself is allowed").isTrue();
        assertThat(RestoreRequest.deadlineMet(DUE, DUE.plusSeconds(1))).isFalse();
        assertThat(RestoreRequest.deadlineMet(DUE, null)).isFalse();
    }

    @Test
    @DisplayName("R3.6-d, R3.6-e: the record: nothing starts before the validation, the backup point is fixed once validated, the end records whether the deadline was met")
    void recordLifecycle() {
        RestoreRequest r = new RestoreRequest(1, 2, "olga", Instant.parse("2026-03-13T15:00:00Z"), "test");
        r.choose(fr.progerance.ops.backup.BackupKind.DATABASE, "a".repeat(64), Instant.parse("2026-03-12T02:00:00Z"));
        assertThatThrownBy(() -> r.started(Instant.now())).isInstanceOf(IllegalStateException.class);
        r.awaitValidation("decision");
        r.validated(RestoreRequest.ValidationChannel.LINK, Instant.parse("2026-03-13T15:30:00Z"), null, null, DUE);
        assertThatThrownBy(() -> r.choose(fr.progerance.ops.backup.BackupKind.FILES, "b".repeat(64), DUE))
                .isInstanceOf(IllegalStateException.class);
        r.started(Instant.parse("2026-03-13T15:33:00Z"));
        r.checked("shop: HTTP 503", 0, false, DUE.minusSeconds(60));
        assertThat(r.getFinishedAt()).isNull();
        assertThat(r.getFailure()).contains("HTTP 503");
        r.checked("shop: HTTP 200", 87, true, DUE.plusSeconds(60));
        assertThat(r.getFinishedAt()).isEqualTo(DUE.plusSeconds(60));
        assertThat(r.getDeadlineMet()).isFalse();
        assertThat(r.getStatus()).isEqualTo(RestoreStatus.RESTORED);
        r.checked("shop: HTTP 200", 87, true, DUE.plusSeconds(600));
        assertThat(r.getFinishedAt()).as("a second check keeps the first end").isEqualTo(DUE.plusSeconds(60));
    }

    @Test
    @DisplayName("DESIGN rule 12: 7 days of validity and a reminder every 24 h give six reminders before the expiry")
    void reminders() {
        RestoreSettings settings = new RestoreSettings();
        settings.validate();
        assertThat(settings.getReminderCycle()).isEqualTo("R6/PT24H");
    }

    @Test
    @DisplayName("Settings that would leave a wait without reminder or a number that makes no sense are refused, naming the setting")
    void refusedSettings() {
        RestoreSettings noReminder = new RestoreSettings();
        noReminder.setReminderInterval(Duration.ofDays(7));
        assertThatThrownBy(noReminder::validate).hasMessageContaining("ops.backup.restore.reminder-interval");
        RestoreSettings zero = new RestoreSettings();
        zero.setChoiceTime(Duration.ZERO);
        assertThatThrownBy(zero::validate).hasMessageContaining("ops.backup.restore.choice-time");
        RestoreSettings status = new RestoreSettings();
        status.setShopExpectedStatus(99);
        assertThatThrownBy(status::validate).hasMessageContaining("ops.backup.restore.shop-expected-status");
        RestoreDrillSettings prefix = new RestoreDrillSettings();
        prefix.validate();
        assertThat(prefix.scratchDatabase(12)).isEqualTo("ops_drill_12");
        prefix.setScratchPrefix("prestashop");
        assertThatThrownBy(prefix::validate).hasMessageContaining("ops.backup.drill.scratch-prefix");
        prefix.setScratchPrefix("ops`drill_");
        assertThatThrownBy(prefix::validate).hasMessageContaining("ops.backup.drill.scratch-prefix");
        RestoreDrillSettings command = new RestoreDrillSettings();
        command.setMysqlCommand("mysql; rm -rf /");
        assertThatThrownBy(command::validate).hasMessageContaining("ops.backup.drill.mysql-command");
    }
}
