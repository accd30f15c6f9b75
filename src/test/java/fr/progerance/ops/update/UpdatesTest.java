package fr.progerance.ops.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindowView;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import fr.progerance.ops.update.version.UpdateKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The update records ({@link Updates} on {@code ops_update}) and their maintenance windows
 * ({@code ops_maintenance_window}): R4.0-b due dates, R4.0-c, one open update per server and class,
 * checked status changes. Expected dates are worked out by hand (Paris time).
 */
@OpsSpringBootTest
@DisplayName("Update records and their maintenance windows (R4.0-b, R4.0-c, R4.4-p)")
class UpdatesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Monday 16 March 2026, 10:00 Paris. */
    private static final Instant NOW = paris(2026, 3, 16, 10, 0);

    @LocalServerPort
    int port;
    @Autowired
    Updates updates;
    @Autowired
    UpdateService service;
    @Autowired
    MaintenanceWindows windows;
    @Autowired
    MovableClock clock;

    private long serverId;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        RegisterApi register = new RegisterApi(port);
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY");
        long contractId = register.createContract(clientId);
        serverId = register.createServer(contractId, "PROGERANCE");
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private static Instant paris(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toInstant();
    }

    private static PrestaShopVersion v(String text) {
        return PrestaShopVersion.parse(text);
    }

    private static Release release(String version, LocalDate published, boolean security) {
        return new Release(v(version), published, security, "https://github.com/PrestaShop/PrestaShop/releases/tag/"
                + version);
    }

    @Test
    @DisplayName("R4.0-b: a minor update is due 7 calendar days after the publication day (published Thursday 26 March 2026, due Thursday 2 April 00:00 Paris, across the change to summer time); PENDING, requested by the catalogue")
    void minorDueDate() {
        UpdateView u = updates.open(serverId, v("8.1.6"), release("8.2.0", LocalDate.of(2026, 3, 26), false),
                "catalogue");
        assertThat(u.kind()).isEqualTo(UpdateKind.MINOR);
        assertThat(u.dueAt()).isEqualTo(paris(2026, 4, 2, 0, 0));
        assertThat(u.status()).isEqualTo(UpdateStatus.PENDING);
        assertThat(u.fromVersion()).isEqualTo("8.1.6");
        assertThat(u.toVersion()).isEqualTo("8.2.0");
        assertThat(u.requestedBy()).isEqualTo("catalogue");
        assertThat(u.createdAt()).isEqualTo(NOW);
        assertThat(u.security()).isFalse();
        assertThat(updates.get(u.id())).isEqualTo(u);
        assertThat(updates.find(u.id())).contains(u);
        assertThat(updates.find(999_999_999L)).isEmpty();
        assertThatThrownBy(() -> updates.get(999_999_999L)).isInstanceOf(NoSuchElementException.class)
                .hasMessage("No update 999999999");
    }

    @Test
    @DisplayName("R4.0-b: a security release is due after ops.update.security-delay (2 days); a newer security release while the update is PENDING retargets it, security kept and the earlier due date; once SCHEDULED it no longer moves")
    void securityFirstAndRetarget() {
        UpdateView first = updates.open(serverId, v("8.1.5"), release("8.1.6", LocalDate.of(2026, 3, 10), false),
                "catalogue");
        assertThat(first.dueAt()).isEqualTo(paris(2026, 3, 17, 0, 0));
        UpdateView same = updates.open(serverId, v("8.1.5"), release("8.1.6", LocalDate.of(2026, 3, 10), false),
                "catalogue");
        assertThat(same).as("idempotent").isEqualTo(first);

        UpdateView retargeted = updates.open(serverId, v("8.1.5"), release("8.1.7", LocalDate.of(2026, 3, 12), true),
                "catalogue");
        assertThat(retargeted.id()).isEqualTo(first.id());
        assertThat(retargeted.toVersion()).isEqualTo("8.1.7");
        assertThat(retargeted.security()).isTrue();
        assertThat(retargeted.dueAt()).as("12 March + 2 days, earlier than 17 March").isEqualTo(paris(2026, 3, 14, 0, 0));

        UpdateView older = updates.open(serverId, v("8.1.5"), release("8.1.6", LocalDate.of(2026, 3, 10), false),
                "catalogue");
        assertThat(older.toVersion()).as("an older target never replaces a newer one").isEqualTo("8.1.7");

        updates.schedule(first.id(), paris(2026, 3, 17, 9, 0), paris(2026, 3, 17, 11, 0), "opsuser");
        UpdateView kept = updates.open(serverId, v("8.1.5"), release("8.1.8", LocalDate.of(2026, 3, 15), false),
                "catalogue");
        assertThat(kept.id()).isEqualTo(first.id());
        assertThat(kept.toVersion()).as("the window is planned for 8.1.7").isEqualTo("8.1.7");
    }

    @Test
    @DisplayName("R4.0-c: a major update has no due date and waits for its quote; a minor and a major may be open together on one server; not newer is refused; an unknown server too")
    void majorAndRefusals() {
        UpdateView major = updates.open(serverId, v("1.7.8.10"), release("8.2.1", LocalDate.of(2026, 2, 1), false),
                "opsuser");
        assertThat(major.kind()).isEqualTo(UpdateKind.MAJOR);
        assertThat(major.dueAt()).isNull();
        assertThat(major.status()).isEqualTo(UpdateStatus.AWAITING_QUOTE);
        UpdateView minor = updates.open(serverId, v("1.7.8.10"), release("1.7.8.11", LocalDate.of(2026, 3, 1), true),
                "catalogue");
        assertThat(minor.kind()).isEqualTo(UpdateKind.PATCH);
        assertThat(minor.id()).isNotEqualTo(major.id());
        assertThat(updates.open()).extracting(UpdateView::id).as("oldest due first, the major (no due date) after")
                .containsSubsequence(minor.id(), major.id());

        assertThatThrownBy(() -> updates.open(serverId, v("8.1.7"), release("8.1.7", LocalDate.of(2026, 3, 1), false),
                "catalogue")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not newer than 8.1.7");
        assertThatThrownBy(() -> updates.open(999_999_999L, v("8.1.6"), release("8.1.7", LocalDate.of(2026, 3, 1),
                false), "catalogue")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> updates.open(serverId, v("8.1.6"), release("8.1.7", LocalDate.of(2026, 3, 1), false),
                " ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestedBy");
    }

    @Test
    @DisplayName("R4.0-c: nothing is planned for a major update before the client approved its quote: no quote, or a quote the quote record does not show APPROVED, is refused; quoted only once and only for a major")
    void majorNeedsAnApprovedQuote() {
        UpdateView major = updates.open(serverId, v("8.2.1"), release("9.0.0", LocalDate.of(2025, 6, 6), false),
                "opsuser");
        assertThatThrownBy(() -> updates.schedule(major.id(), paris(2026, 3, 20, 9, 0), paris(2026, 3, 20, 12, 0),
                "opsuser")).isInstanceOf(IllegalStateException.class).hasMessageContaining("R4.0-c");
        assertThat(updates.quoted(major.id(), 424_242L).quoteId()).isEqualTo(424_242L);
        assertThat(updates.quoted(major.id(), 424_242L).quoteId()).as("the same quote again").isEqualTo(424_242L);
        assertThatThrownBy(() -> updates.quoted(major.id(), 7L)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is decided by quote 424242");
        assertThatThrownBy(() -> updates.schedule(major.id(), paris(2026, 3, 20, 9, 0), paris(2026, 3, 20, 12, 0),
                "opsuser")).as("quote 424242 is no APPROVED quote record of update:" + major.id())
                .isInstanceOf(RuntimeException.class);
        assertThat(updates.get(major.id()).status()).isEqualTo(UpdateStatus.AWAITING_QUOTE);
        assertThat(windows.find(MaintenanceWindowSource.UPDATE, Updates.key(major.id()))).isEmpty();

        UpdateView minor = updates.open(serverId, v("8.2.1"), release("8.2.3", LocalDate.of(2026, 3, 1), false),
                "catalogue");
        assertThatThrownBy(() -> updates.quoted(minor.id(), 1L)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only a major update is quoted");
    }

    @Test
    @DisplayName("R4.4-p: scheduling records the update's maintenance window (source UPDATE, reference update:<id>); planning it again moves that window; a window that ends before it starts, or is over, is refused")
    void scheduleRecordsTheMaintenanceWindow() {
        UpdateView u = updates.open(serverId, v("8.1.6"), release("8.1.7", LocalDate.of(2026, 3, 12), false),
                "catalogue");
        UpdateView s = updates.schedule(u.id(), paris(2026, 3, 17, 9, 0), paris(2026, 3, 17, 11, 0), "opsuser");
        assertThat(s.status()).isEqualTo(UpdateStatus.SCHEDULED);
        assertThat(s.windowStart()).isEqualTo(paris(2026, 3, 17, 9, 0));
        assertThat(service.record(u.id()).getScheduledBy()).isEqualTo("opsuser");
        MaintenanceWindowView w = windows.find(MaintenanceWindowSource.UPDATE, "update:" + u.id()).orElseThrow();
        assertThat(w.reason()).isEqualTo("PrestaShop patch update 8.1.6 -> 8.1.7 (update:" + u.id() + ")");
        assertThat(w.createdAt()).isEqualTo(NOW);

        clock.set(NOW.plusSeconds(60));
        updates.schedule(u.id(), paris(2026, 3, 18, 7, 0), paris(2026, 3, 18, 8, 0), "otherops");
        MaintenanceWindowView moved = windows.find(MaintenanceWindowSource.UPDATE, "update:" + u.id()).orElseThrow();
        assertThat(moved.id()).isEqualTo(w.id());
        assertThat(moved.start()).isEqualTo(paris(2026, 3, 18, 7, 0));
        assertThat(moved.createdBy()).as("who first recorded it").isEqualTo("opsuser");
        assertThat(moved.updatedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(windows.overlapping(serverId, paris(2026, 3, 18, 0, 0), paris(2026, 3, 19, 0, 0)))
                .extracting(MaintenanceWindowView::id).containsExactly(w.id());
        assertThat(windows.overlapping(serverId, paris(2026, 3, 17, 0, 0), paris(2026, 3, 18, 7, 0))).isEmpty();

        assertThatThrownBy(() -> updates.schedule(u.id(), paris(2026, 3, 18, 9, 0), paris(2026, 3, 18, 9, 0), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end after it starts");
        assertThatThrownBy(() -> updates.schedule(u.id(), paris(2026, 3, 15, 9, 0), paris(2026, 3, 15, 10, 0), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is over");
    }

    @Test
    @DisplayName("Final statuses never move: NOT_DONE says why and frees the server for a new update; an empty reason is refused")
    void notDoneIsFinal() {
        UpdateView u = updates.open(serverId, v("8.1.6"), release("8.1.7", LocalDate.of(2026, 3, 12), false),
                "catalogue");
        assertThatThrownBy(() -> updates.notDone(u.id(), " ")).isInstanceOf(IllegalArgumentException.class);
        clock.set(NOW.plusSeconds(30));
        UpdateView done = updates.notDone(u.id(), "Superseded by a manual update");
        assertThat(done.status()).isEqualTo(UpdateStatus.NOT_DONE);
        assertThat(done.reason()).isEqualTo("Superseded by a manual update");
        assertThat(done.finishedAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(updates.notDone(u.id(), "again").reason()).as("idempotent").isEqualTo("Superseded by a manual update");
        assertThatThrownBy(() -> updates.schedule(u.id(), paris(2026, 3, 17, 9, 0), paris(2026, 3, 17, 11, 0), "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is NOT_DONE: it cannot be scheduled");
        assertThat(updates.open()).extracting(UpdateView::id).doesNotContain(u.id());

        UpdateView next = updates.open(serverId, v("8.1.6"), release("8.1.7", LocalDate.of(2026, 3, 12), false),
                "catalogue");
        assertThat(next.id()).as("a new record once the last one is final").isNotEqualTo(u.id());
        assertThat(service.ofServer(serverId)).extracting(UpdateView::id).containsExactly(next.id(), u.id());
    }
}
