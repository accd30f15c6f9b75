package fr.progerance.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.backup.restic.ResticSnapshot;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R3.6-c, R8.2: retention counts 14 days back from now and keeps held snapshots")
class RetentionPolicyTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-03-31T04:30:00Z");
    private final RetentionPolicy policy = new RetentionPolicy(Period.ofDays(14), PARIS);

    private static ResticSnapshot snapshot(String id, String time) {
        return new ResticSnapshot(id.repeat(64 / id.length()), null, Instant.parse(time), "host", List.of(),
                List.of("server=1", "kind=database"));
    }

    @Test
    @DisplayName("R3.6-c: backups stopped 20 days ago: every snapshot older than 14 days from now goes, not kept forever as --keep-within would")
    void stoppedBackupsAreForgottenFromNow() {
        // The newest is 20 days old: restic's --keep-within 14d would keep it and the 13 before it.
        List<ResticSnapshot> snapshots = List.of(snapshot("a1", "2026-03-11T01:00:00Z"),
                snapshot("b2", "2026-03-05T01:00:00Z"), snapshot("c3", "2026-02-25T01:00:00Z"));
        RetentionPolicy.Decision decision = policy.decide(snapshots, List.of(), NOW);
        assertThat(decision.forget()).extracting(ResticSnapshot::time).containsExactly(
                Instant.parse("2026-02-25T01:00:00Z"), Instant.parse("2026-03-05T01:00:00Z"),
                Instant.parse("2026-03-11T01:00:00Z"));
        assertThat(decision.held()).isEmpty();
    }

    @Test
    @DisplayName("R3.6-c: the cutoff is now minus 14 calendar days in Paris (across summer time); exactly 14 days old is kept")
    void cutoffOnTheCalendar() {
        // 31 March 06:30 Paris (+02:00) minus 14 days = 17 March 06:30 Paris (+01:00) = 05:30Z.
        ResticSnapshot exactly = snapshot("d4", "2026-03-17T05:30:00Z");
        ResticSnapshot justBefore = snapshot("e5", "2026-03-17T05:29:59Z");
        ResticSnapshot recent = snapshot("f6", "2026-03-30T01:00:00Z");
        RetentionPolicy.Decision decision = policy.decide(List.of(exactly, justBefore, recent), List.of(), NOW);
        assertThat(decision.cutoff()).isEqualTo(Instant.parse("2026-03-17T05:30:00Z"));
        assertThat(decision.forget()).containsExactly(justBefore);
    }

    @Test
    @DisplayName("R8.2: a held snapshot is kept until its hold ends, then forgotten")
    void heldUntilTheHoldEnds() {
        ResticSnapshot finalBackup = snapshot("ab", "2026-03-01T01:00:00Z");
        RetentionPolicy.Hold hold = new RetentionPolicy.Hold(finalBackup.shortId(),
                Instant.parse("2026-04-02T00:00:00Z"), null);
        RetentionPolicy.Decision before = policy.decide(List.of(finalBackup), List.of(hold), NOW);
        assertThat(before.forget()).isEmpty();
        assertThat(before.held()).containsExactly(finalBackup);
        assertThat(RetentionPolicy.heldUntil(finalBackup.id(), List.of(hold), NOW))
                .contains(Instant.parse("2026-04-02T00:00:00Z"));

        RetentionPolicy.Decision after = policy.decide(List.of(finalBackup), List.of(hold),
                Instant.parse("2026-04-02T00:00:00Z"));
        assertThat(after.forget()).containsExactly(finalBackup);
    }

    @Test
    @DisplayName("R8.2: a lifted hold no longer keeps its snapshot; a hold on another snapshot keeps nothing else")
    void liftedHoldKeepsNothing() {
        ResticSnapshot old = snapshot("cd", "2026-03-01T01:00:00Z");
        RetentionPolicy.Hold lifted = new RetentionPolicy.Hold(old.id(), Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-03-30T10:00:00Z"));
        RetentionPolicy.Hold other = new RetentionPolicy.Hold("ef".repeat(32), Instant.parse("2026-06-01T00:00:00Z"),
                null);
        assertThat(policy.decide(List.of(old), List.of(lifted, other), NOW).forget()).containsExactly(old);
    }
}
