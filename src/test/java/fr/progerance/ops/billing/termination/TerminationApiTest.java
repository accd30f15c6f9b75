package fr.progerance.ops.billing.termination;

import static fr.progerance.ops.contract.RegisterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.backup.BackupFixture;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.security.OpsGroups;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** R8.3, R8.5 through real HTTP: a manager records a termination notice; invoicing ends after it. */
@OpsSpringBootTest
@DisplayName("R8.3 API: POST and GET /api/contracts/{id}/termination")
class TerminationApiTest {

    /** 10 December 2026 in Paris. Contracts start 1 January 2026 for 12 months: deadline 2 December 2026. */
    private static final Instant NOW = Instant.parse("2026-12-10T09:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    InvoicingEnd invoicingEnd;

    private TestApi ops;
    private TestApi manager;
    private RegisterApi register;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        ops = TestApi.as(port, BackupFixture.user(identity, "terminationops", OpsGroups.OPS), BackupFixture.PASSWORD);
        manager = TestApi.as(port, BackupFixture.user(identity, "terminationmanager", OpsGroups.MANAGERS),
                BackupFixture.PASSWORD);
        register = new RegisterApi(port);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private long activeContract() {
        return BackupFixture.create(register, 1, true).contractId();
    }

    private static List<String> fields(TestApi.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().path("problems").forEach(p -> fields.add(p.path("field").asText()));
        return fields;
    }

    private TestApi.Answer notice(TestApi as, long contractId, String date, String party) {
        return as.post("/api/contracts/" + contractId + "/termination",
                body("noticeDate", date, "party", party, "reason", "Lettre recommandée AR n° 1A 234 567 8901 2"));
    }

    @Test
    @DisplayName("R8.3: a notice on the deadline ends the contract with its period: 201, effective end 2027-01-01, December invoiced last; GET shows it; a second notice 409")
    void onTheDeadline() {
        long contractId = activeContract();
        TestApi.Answer created = notice(manager, contractId, "2026-12-02", "CLIENT");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.response().headers().firstValue("Location"))
                .hasValue("/api/contracts/" + contractId + "/termination");
        assertThat(created.json().path("effectiveEnd").asText()).isEqualTo("2027-01-01");
        assertThat(created.json().path("lastDayOfService").asText()).isEqualTo("2026-12-31");
        assertThat(created.json().path("lastInvoicedMonth").asText()).isEqualTo("2026-12");
        assertThat(created.json().path("party").asText()).isEqualTo("CLIENT");
        assertThat(created.json().path("recordedBy").asText()).isEqualTo("terminationmanager");

        TestApi.Answer read = ops.get("/api/contracts/" + contractId + "/termination");
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("effectiveEnd").asText()).isEqualTo("2027-01-01");
        assertThat(read.json().path("noticeDate").asText()).isEqualTo("2026-12-02");

        assertThat(invoicingEnd.effectiveEnd(contractId)).contains(LocalDate.of(2027, 1, 1));
        assertThat(invoicingEnd.invoiced(contractId, LocalDate.of(2026, 12, 1))).isTrue();
        assertThat(invoicingEnd.invoiced(contractId, LocalDate.of(2027, 1, 1))).isFalse();

        TestApi.Answer second = notice(manager, contractId, "2026-12-03", "PROVIDER");
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(fields(second)).containsExactly("contractId");
        assertThat(ops.get("/api/contracts/" + contractId + "/termination").json().path("noticeDate").asText())
                .isEqualTo("2026-12-02");
    }

    @Test
    @DisplayName("R8.3: one day after the deadline the contract renews once more: effective end 2028-01-01")
    void oneDayLate() {
        long contractId = activeContract();
        TestApi.Answer created = notice(manager, contractId, "2026-12-03", "PROVIDER");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("effectiveEnd").asText()).isEqualTo("2028-01-01");
        assertThat(created.json().path("lastInvoicedMonth").asText()).isEqualTo("2027-12");
        assertThat(invoicingEnd.invoiced(contractId, LocalDate.of(2027, 12, 1))).isTrue();
    }

    @Test
    @DisplayName("R8.3: managers only (403 for ops); 404 unknown contract; 409 DRAFT or TERMINATED; no notice yet is 404")
    void refusals() {
        long contractId = activeContract();
        assertThat(notice(ops, contractId, "2026-12-01", "CLIENT").status()).isEqualTo(403);
        assertThat(ops.get("/api/contracts/" + contractId + "/termination").status()).isEqualTo(404);
        assertThat(invoicingEnd.effectiveEnd(contractId)).isEmpty();
        assertThat(notice(manager, 987654321L, "2026-12-01", "CLIENT").status()).isEqualTo(404);
        assertThat(ops.get("/api/contracts/987654321/termination").status()).isEqualTo(404);

        long draft = BackupFixture.create(register, 1, false).contractId();
        TestApi.Answer draftNotice = notice(manager, draft, "2026-12-01", "CLIENT");
        assertThat(draftNotice.status()).as(draftNotice.toString()).isEqualTo(409);
        assertThat(fields(draftNotice)).containsExactly("status");

        long terminated = activeContract();
        assertThat(register.setStatus(terminated, "TERMINATED").status()).isEqualTo(200);
        assertThat(notice(manager, terminated, "2026-12-01", "CLIENT").status()).isEqualTo(409);
    }

    @Test
    @DisplayName("R8.3: a bad notice answers 400 naming the field: missing, not a date, in the future, before 2000, unknown party, no reason")
    void badInput() {
        long contractId = activeContract();
        String path = "/api/contracts/" + contractId + "/termination";
        assertThat(fields(manager.post(path, body("party", "CLIENT", "reason", "x")))).containsExactly("noticeDate");
        assertThat(fields(manager.post(path, body("noticeDate", "2026-02-30", "party", "CLIENT", "reason", "x"))))
                .containsExactly("noticeDate");
        TestApi.Answer future = manager.post(path, body("noticeDate", "2026-12-11", "party", "CLIENT", "reason", "x"));
        assertThat(future.status()).as(future.toString()).isEqualTo(400);
        assertThat(fields(future)).containsExactly("noticeDate");
        assertThat(fields(manager.post(path, body("noticeDate", "1999-12-31", "party", "CLIENT", "reason", "x"))))
                .containsExactly("noticeDate");
        assertThat(fields(manager.post(path, body("noticeDate", "2026-12-01", "party", "HOSTER", "reason", "x"))))
                .containsExactly("party");
        assertThat(fields(manager.post(path, body("noticeDate", "2026-12-01", "party", "CLIENT", "reason", " "))))
                .containsExactly("reason");
        assertThat(fields(manager.post(path, body("noticeDate", "2026-12-01", "party", "CLIENT", "reason",
                "x".repeat(501))))).containsExactly("reason");
        assertThat(ops.get(path).status()).isEqualTo(404);
    }
}
