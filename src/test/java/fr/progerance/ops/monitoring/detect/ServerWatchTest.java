package fr.progerance.ops.monitoring.detect;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.monitoring.detect.ServerWatch.Action;
import fr.progerance.ops.monitoring.detect.ServerWatch.Decision;
import fr.progerance.ops.monitoring.detect.ServerWatch.Observation;
import fr.progerance.ops.monitoring.probe.CheckKind;
import fr.progerance.ops.monitoring.probe.CheckResult;
import fr.progerance.ops.monitoring.probe.CheckStatus;
import fr.progerance.ops.monitoring.probe.ProbeRound;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The detection rules without Spring (R4.1, R4.2 N1 surveillance; R4.4-p planned windows): N
 * consecutive FAILED rounds confirm a check's failure, flapping holds reports until the server settles,
 * planned windows suppress them. One round a minute, as the probes run by default.
 */
@DisplayName("Detection rules: confirmation, recovery, planned windows, flapping, restart candidates")
class ServerWatchTest {

    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");
    private static final ServerWatch.Windows NO_WINDOW = at -> false;

    /** N = 3, more than 4 changes in 30 min flap, settled after 10 min without a change (the defaults). */
    private final ServerWatch watch = ServerWatch.of(new DetectionSettings());

    private static Instant minute(int n) {
        return T0.plus(Duration.ofMinutes(n));
    }

    private static CheckResult http(CheckStatus status, int minute) {
        return new CheckResult(CheckKind.HTTP_STATUS, "shop.example.fr", status, status == CheckStatus.FAILED
                ? "HTTP 503" : "HTTP 200", null, Duration.ofMillis(80), minute(minute).plusMillis(200));
    }

    private static CheckResult service(CheckStatus status, int minute) {
        return new CheckResult(CheckKind.SERVICE, "nginx.service", status, status == CheckStatus.FAILED ? "inactive"
                : "active", null, Duration.ofMillis(300), minute(minute).plusMillis(400));
    }

    private static CheckResult tcp(CheckStatus status, int minute) {
        return new CheckResult(CheckKind.TCP_PORT, "443", status, status == CheckStatus.FAILED ? "refused" : "open", null,
                Duration.ofMillis(5), minute(minute).plusMillis(100));
    }

    private static ProbeRound round(int minute, CheckResult... results) {
        return new ProbeRound(1L, minute(minute), minute(minute).plusSeconds(1), List.of(results));
    }

    private Decision step(int minute, ServerWatch.Windows windows, CheckResult... results) {
        ProbeRound round = round(minute, results);
        Observation o = watch.observe(round, windows);
        return watch.decide(o, round.startedAt(), windows);
    }

    private Decision step(int minute, CheckResult... results) {
        return step(minute, NO_WINDOW, results);
    }

    /** Applies a REPORT or RECOVER as FailureDetection does once it is recorded. */
    private Decision applied(Decision d) {
        if (d.action() == Action.REPORT) {
            watch.reported("INC-2026-000001", d.since(), d.confirmed().stream().map(CheckResult::key).toList());
        } else if (d.action() == Action.RECOVER) {
            watch.recovered();
        }
        return d;
    }

    @Test
    @DisplayName("R4.1: three consecutive FAILED rounds confirm; detected and down since the first failed check")
    void threeConsecutiveFailuresConfirm() {
        assertThat(step(0, http(CheckStatus.OK, 0)).action()).isEqualTo(Action.NONE);
        assertThat(step(1, http(CheckStatus.FAILED, 1)).action()).isEqualTo(Action.NONE);
        assertThat(step(2, http(CheckStatus.FAILED, 2)).action()).isEqualTo(Action.NONE);
        Decision d = step(3, http(CheckStatus.FAILED, 3));
        assertThat(d.action()).isEqualTo(Action.REPORT);
        assertThat(d.detectedAt()).isEqualTo(minute(1).plusMillis(200));
        assertThat(d.since()).isEqualTo(minute(1).plusMillis(200));
        assertThat(d.confirmed()).extracting(CheckResult::key).containsExactly("HTTP_STATUS:shop.example.fr");
    }

    @Test
    @DisplayName("R4.1: an OK or a WARNING round ends the streak; the next failure counts from 1 again")
    void interruptedStreakStartsAgain() {
        step(0, http(CheckStatus.FAILED, 0));
        step(1, http(CheckStatus.FAILED, 1));
        assertThat(step(2, http(CheckStatus.WARNING, 2)).action()).isEqualTo(Action.NONE);
        step(3, http(CheckStatus.FAILED, 3));
        assertThat(step(4, http(CheckStatus.FAILED, 4)).action()).isEqualTo(Action.NONE);
        Decision d = step(5, http(CheckStatus.FAILED, 5));
        assertThat(d.action()).isEqualTo(Action.REPORT);
        assertThat(d.detectedAt()).isEqualTo(minute(3).plusMillis(200));
    }

    @Test
    @DisplayName("N is a setting: with N = 1 the first FAILED round reports")
    void confirmationsAreASetting() {
        ServerWatch one = new ServerWatch(1, 4, Duration.ofMinutes(30), Duration.ofMinutes(10));
        ProbeRound round = round(0, http(CheckStatus.FAILED, 0));
        assertThat(one.decide(one.observe(round, NO_WINDOW), round.startedAt(), NO_WINDOW).action())
                .isEqualTo(Action.REPORT);
    }

    @Test
    @DisplayName("No storm: a reported failure reports nothing more while it lasts; the first healthy round recovers once")
    void oneReportThenOneRecovery() {
        for (int m = 0; m < 3; m++) {
            applied(step(m, http(CheckStatus.FAILED, m), tcp(CheckStatus.OK, m)));
        }
        assertThat(watch.isOutageOpen()).isTrue();
        for (int m = 3; m < 20; m++) {
            assertThat(step(m, http(CheckStatus.FAILED, m), tcp(CheckStatus.OK, m)).action()).isEqualTo(Action.NONE);
        }
        Decision recovered = applied(step(20, http(CheckStatus.OK, 20), tcp(CheckStatus.OK, 20)));
        assertThat(recovered.action()).isEqualTo(Action.RECOVER);
        assertThat(recovered.at()).isEqualTo(minute(20));
        assertThat(step(21, http(CheckStatus.OK, 21), tcp(CheckStatus.OK, 21)).action()).isEqualTo(Action.NONE);
    }

    @Test
    @DisplayName("A second check confirmed during the outage is reported too (attached to the open incident), down since the first")
    void secondCheckConfirmedDuringOutage() {
        for (int m = 0; m < 3; m++) {
            applied(step(m, http(CheckStatus.FAILED, m), tcp(CheckStatus.OK, m)));
        }
        step(3, http(CheckStatus.FAILED, 3), tcp(CheckStatus.FAILED, 3));
        step(4, http(CheckStatus.FAILED, 4), tcp(CheckStatus.FAILED, 4));
        Decision d = step(5, http(CheckStatus.FAILED, 5), tcp(CheckStatus.FAILED, 5));
        assertThat(d.action()).isEqualTo(Action.REPORT);
        assertThat(d.confirmed()).extracting(CheckResult::key).containsExactly("TCP_PORT:443");
        assertThat(d.since()).isEqualTo(minute(0).plusMillis(200));
    }

    @Test
    @DisplayName("Recovery needs every check healthy: one check back while another fails keeps the outage")
    void recoveryNeedsEveryCheck() {
        for (int m = 0; m < 3; m++) {
            applied(step(m, http(CheckStatus.FAILED, m), tcp(CheckStatus.FAILED, m)));
        }
        assertThat(step(3, http(CheckStatus.OK, 3), tcp(CheckStatus.FAILED, 3)).action()).isEqualTo(Action.NONE);
        assertThat(step(4, http(CheckStatus.OK, 4), tcp(CheckStatus.OK, 4)).action()).isEqualTo(Action.RECOVER);
    }

    @Test
    @DisplayName("R4.4-p: confirmed inside a planned window: suppressed (counted once), nothing reported; healthy before its end: nothing at all")
    void insideAPlannedWindowNothingIsReported() {
        ServerWatch.Windows window = at -> at.isBefore(minute(30));
        List<Decision> decisions = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            decisions.add(step(m, window, http(CheckStatus.FAILED, m)));
        }
        assertThat(decisions).extracting(Decision::action).doesNotContain(Action.REPORT);
        assertThat(decisions.stream().filter(d -> d.action() == Action.SUPPRESSED_MAINTENANCE && d.first())).hasSize(1);
        assertThat(step(10, window, http(CheckStatus.OK, 10)).action()).isEqualTo(Action.NONE);
        assertThat(watch.isOutageOpen()).isFalse();
    }

    @Test
    @DisplayName("R4.4-p: still failing after the window: reported at once, detected at the first failed check after the window, down since the first failure")
    void stillFailingAfterTheWindow() {
        ServerWatch.Windows window = at -> at.isBefore(minute(5));
        for (int m = 0; m < 5; m++) {
            assertThat(step(m, window, http(CheckStatus.FAILED, m)).action()).isNotEqualTo(Action.REPORT);
        }
        Decision d = step(5, window, http(CheckStatus.FAILED, 5));
        assertThat(d.action()).isEqualTo(Action.REPORT);
        assertThat(d.detectedAt()).isEqualTo(minute(5).plusMillis(200));
        assertThat(d.since()).isEqualTo(minute(0).plusMillis(200));
    }

    @Test
    @DisplayName("Flapping: more than 4 changes in 30 minutes hold the server; no report or recovery while it flaps, where N = 2 would have made a storm")
    void flappingHoldsReports() {
        ServerWatch two = new ServerWatch(2, 4, Duration.ofMinutes(30), Duration.ofMinutes(10));
        // F F OK F F OK F F OK ...: each pair confirms with N = 2, each OK recovers
        List<Action> actions = new ArrayList<>();
        boolean flapped = false;
        for (int m = 0; m < 30; m++) {
            CheckStatus s = m % 3 == 2 ? CheckStatus.OK : CheckStatus.FAILED;
            ProbeRound round = round(m, http(s, m));
            Observation o = two.observe(round, NO_WINDOW);
            flapped |= o.startedFlapping();
            Decision d = two.decide(o, round.startedAt(), NO_WINDOW);
            if (d.action() == Action.REPORT) {
                two.reported("INC-1", d.since(), List.of("HTTP_STATUS:shop.example.fr"));
            } else if (d.action() == Action.RECOVER) {
                two.recovered();
            }
            actions.add(d.action());
        }
        assertThat(flapped).isTrue();
        assertThat(two.isFlapping()).isTrue();
        // before the hold: F F (report) OK (recover) F F (report) OK (recover) F F (report) OK: the 5th change holds it
        assertThat(actions.stream().filter(a -> a == Action.REPORT).count()).isEqualTo(3);
        assertThat(actions.subList(9, 30)).containsOnly(Action.FLAPPING);
    }

    @Test
    @DisplayName("Flapping settles as failed: one report after 10 minutes without a change, down since the failure settled")
    void flappingSettlesFailed() {
        int m = flap();
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 15; i++, m++) {
            decisions.add(applied(step(m, http(CheckStatus.FAILED, m))));
        }
        List<Decision> reports = decisions.stream().filter(d -> d.action() == Action.REPORT).toList();
        assertThat(reports).hasSize(1);
        assertThat(decisions.subList(0, 10)).extracting(Decision::action).containsOnly(Action.FLAPPING);
        assertThat(decisions.get(10).action()).isEqualTo(Action.REPORT);
        assertThat(watch.isFlapping()).isFalse();
    }

    @Test
    @DisplayName("Flapping settles healthy: an outage open before it stays open while it flaps, and closes at the first healthy check of the stable period")
    void flappingSettlesHealthyClosesTheOutage() {
        for (int m = 0; m < 3; m++) {
            applied(step(m, http(CheckStatus.FAILED, m), tcp(CheckStatus.OK, m)));
        }
        assertThat(watch.isOutageOpen()).isTrue();
        int m = 3;
        // the shop stays down while port 443 flaps: F OK F OK F OK (the 5th change holds the server)
        for (int i = 0; i < 6; i++, m++) {
            applied(step(m, http(CheckStatus.FAILED, m), tcp(i % 2 == 0 ? CheckStatus.FAILED : CheckStatus.OK, m)));
        }
        assertThat(watch.isFlapping()).isTrue();
        int stableFrom = m;
        Decision last = null;
        for (int i = 0; i <= 10; i++, m++) {
            last = applied(step(m, http(CheckStatus.OK, m), tcp(CheckStatus.OK, m)));
            if (i < 10) {
                assertThat(last.action()).as("minute %d", m).isEqualTo(Action.FLAPPING);
                assertThat(watch.isOutageOpen()).isTrue();
            }
        }
        assertThat(last.action()).isEqualTo(Action.RECOVER);
        assertThat(last.at()).isEqualTo(minute(stableFrom));
        assertThat(watch.isOutageOpen()).isFalse();
    }

    @Test
    @DisplayName("Restart candidates: a FAILED service at its first failed round only, outside windows, not while flapping, never HTTP")
    void restartCandidates() {
        Observation first = watch.observe(round(0, service(CheckStatus.FAILED, 0), http(CheckStatus.FAILED, 0)), NO_WINDOW);
        assertThat(first.restartCandidates()).extracting(CheckResult::key).containsExactly("SERVICE:nginx.service");
        Observation second = watch.observe(round(1, service(CheckStatus.FAILED, 1)), NO_WINDOW);
        assertThat(second.restartCandidates()).isEmpty();

        ServerWatch windowed = ServerWatch.of(new DetectionSettings());
        assertThat(windowed.observe(round(0, service(CheckStatus.FAILED, 0)), at -> true).restartCandidates()).isEmpty();

        ServerWatch flapping = ServerWatch.of(new DetectionSettings());
        for (int m = 0; m < 6; m++) {
            flapping.observe(round(m, service(m % 2 == 0 ? CheckStatus.OK : CheckStatus.FAILED, m)), NO_WINDOW);
        }
        assertThat(flapping.isFlapping()).isTrue();
        assertThat(flapping.observe(round(6, service(CheckStatus.OK, 6)), NO_WINDOW).restartCandidates()).isEmpty();
        assertThat(flapping.observe(round(7, service(CheckStatus.FAILED, 7)), NO_WINDOW).restartCandidates()).isEmpty();
    }

    @Test
    @DisplayName("A restored service after its restart ends its streak; a check gone from the configuration is forgotten")
    void restoredAndRemovedChecks() {
        watch.observe(round(0, service(CheckStatus.FAILED, 0), http(CheckStatus.FAILED, 0)), NO_WINDOW);
        watch.restored("SERVICE:nginx.service");
        assertThat(watch.failing()).extracting(CheckResult::key).containsExactly("HTTP_STATUS:shop.example.fr");
        assertThat(watch.failingBesides("HTTP_STATUS:shop.example.fr")).isFalse();
        step(1, http(CheckStatus.FAILED, 1));
        step(2, tcp(CheckStatus.OK, 2));
        assertThat(watch.failing()).isEmpty();
    }

    /** Makes {@link #watch} flap (F OK F OK F OK at minutes 0-5, never confirmed); returns the next minute. */
    private int flap() {
        int m = 0;
        for (; m < 6; m++) {
            applied(step(m, http(m % 2 == 0 ? CheckStatus.FAILED : CheckStatus.OK, m)));
        }
        assertThat(watch.isFlapping()).isTrue();
        return m;
    }
}
