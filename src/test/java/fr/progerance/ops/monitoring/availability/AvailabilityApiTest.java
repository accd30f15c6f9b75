package fr.progerance.ops.monitoring.availability;

import static fr.progerance.ops.contract.RegisterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.billing.BillingFixture;
import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.NewReport;
import fr.progerance.ops.security.OpsGroups;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The availability API on the running application and its database: the penalty endpoint (200 and
 * 400), the monthly report from outages written through the real {@link AvailabilityLedger}, the
 * register's maintenance windows, incidents classified by ops (R4.4-t), force majeure declared and
 * lifted on an incident (R9), and the managers' reclassification (R4.0-a).
 */
@OpsSpringBootTest
@DisplayName("Availability API: penalty, monthly report, outages")
class AvailabilityApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    AvailabilityLedger ledger;
    @Autowired
    MaintenanceWindows windows;
    @Autowired
    IncidentService incidents;
    @Autowired
    IdentityService identity;

    private TestApi ops;
    private TestApi manager;
    private RegisterApi register;

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        ops = TestApi.as(port, BillingFixture.user(identity, "availalice", OpsGroups.OPS), BillingFixture.PASSWORD);
        manager = TestApi.as(port, BillingFixture.user(identity, "availmarc", OpsGroups.MANAGERS),
                BillingFixture.PASSWORD);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    private long outage(long serverId, String from, String to, String incident) {
        clock.set(paris(from));
        long id = ledger.outageStarted(serverId, paris(from), "HTTP_STATUS:shop HTTP 503", incident);
        clock.set(paris(to));
        ledger.outageEnded(serverId, paris(to));
        return id;
    }

    private JsonNode row(String month, long contractId, String infrastructure) {
        TestApi.Answer answer = ops.get("/api/availability/report?month=" + month);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        for (JsonNode row : answer.json()) {
            if (row.get("contractId").asLong() == contractId && row.get("infrastructure").asText().equals(infrastructure)) {
                return row;
            }
        }
        throw new AssertionError("No row of contract " + contractId + " " + infrastructure + " in " + answer.body());
    }

    @ParameterizedTest(name = "{0} {1} % of {2} -> {3} %, {4}")
    @CsvSource({"PROGERANCE, 99.9, 290.00, 0, 0.00", "PROGERANCE, 99.89, 290.00, 10, 29.00",
            "PROGERANCE, 99.5, 290, 10, 29.00", "PROGERANCE, 99.4, 290.00, 25, 72.50", "PROGERANCE, 98.99, 333.33, 50, 166.67",
            "PROGERANCE, 98.4, 290.00, 100, 290.00", "PROGERANCE, 100, 290.00, 0, 0.00", "PROGERANCE, 0, 0, 100, 0.00",
            "TIERCE, 99.5, 290.00, 0, 0.00", "TIERCE, 99.49, 290.00, 25, 72.50", "TIERCE, 98.9, 290.00, 50, 145.00",
            "TIERCE, 98.49, 290.00, 100, 290.00"})
    @DisplayName("R4.4-p, R4.4-t: GET /api/availability/penalty answers the tier and the credit note as text with two decimals")
    void penalty(String infrastructure, String percent, String fee, int expectedPercent, String creditNote) {
        TestApi.Answer answer = ops.get("/api/availability/penalty?infrastructure=" + infrastructure
                + "&availabilityPercent=" + percent + "&monthlyFee=" + fee);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("penaltyPercent").isInt()).isTrue();
        assertThat(answer.json().get("penaltyPercent").asInt()).isEqualTo(expectedPercent);
        assertThat(answer.json().get("creditNote").isTextual()).isTrue();
        assertThat(answer.json().get("creditNote").asText()).isEqualTo(creditNote);
        assertThat(answer.json().size()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "infrastructure=PROGERANCE&availabilityPercent=100.01&monthlyFee=290|availabilityPercent",
            "infrastructure=PROGERANCE&availabilityPercent=-1&monthlyFee=290|availabilityPercent",
            "infrastructure=PROGERANCE&availabilityPercent=99.9&monthlyFee=-1|monthlyFee",
            "infrastructure=PROGERANCE&availabilityPercent=99.9&monthlyFee=-0.01|monthlyFee",
            "infrastructure=PROGERANCE&availabilityPercent=abc&monthlyFee=290|availabilityPercent",
            "infrastructure=PROGERANCE&availabilityPercent=1e2&monthlyFee=290|availabilityPercent",
            "infrastructure=PROGERANCE&availabilityPercent=99.9|monthlyFee",
            "availabilityPercent=99.9&monthlyFee=290|infrastructure",
            "infrastructure=progerance&availabilityPercent=99.9&monthlyFee=290|infrastructure",
            "infrastructure=MIXED&availabilityPercent=99.9&monthlyFee=290|infrastructure",
            "infrastructure=PROGERANCE&availabilityPercent=99.9&monthlyFee=290.001|monthlyFee",
            "infrastructure=PROGERANCE&availabilityPercent=99.9&monthlyFee=99999999|monthlyFee",
            "infrastructure=PROGERANCE&availabilityPercent=&monthlyFee=290|availabilityPercent"})
    @DisplayName("R4.4-p: a percent outside 0..100, a negative fee, a missing or garbled parameter answer 400 naming the field")
    void penaltyRefused(String query, String field) {
        TestApi.Answer answer = ops.get("/api/availability/penalty?" + query);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(RegisterApi.fields(answer)).contains(field);
    }

    @ParameterizedTest
    @CsvSource(value = {"2026-3", "2026-13", "03-2026", "x", "''", "1999-12", "2026-03-01"})
    @DisplayName("R4.4-p: GET /api/availability/report answers 400 on a bad month")
    void reportRefused(String month) {
        TestApi.Answer answer = ops.get("/api/availability/report?month=" + month);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(RegisterApi.fields(answer)).containsExactly("month");
        assertThat(ops.get("/api/availability/report").status()).isEqualTo(400);
        assertThat(ops.get("/api/availability/outages?month=" + month).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("R4.4-p, R5.2: March 2026 (44,580 minutes): an outage crossing the month end counts for its March part, one inside a maintenance window is excluded; nothing paid for the month caps the credit note at 0")
    void marchReport() {
        BillingFixture f = BillingFixture.create(register, true);
        outage(f.serverId(), "2026-03-10T10:00", "2026-03-10T10:30", null);
        clock.set(paris("2026-03-01T12:00"));
        windows.record(f.serverId(), paris("2026-03-15T22:00"), paris("2026-03-16T00:00"), MaintenanceWindowSource.MANUAL,
                null, "Mise à jour du noyau", "availalice");
        outage(f.serverId(), "2026-03-15T22:30", "2026-03-15T23:00", null);
        outage(f.serverId(), "2026-03-31T23:30", "2026-04-01T01:00", null);
        clock.set(paris("2026-04-02T08:00"));

        JsonNode march = row("2026-03", f.contractId(), "PROGERANCE");
        assertThat(march.get("minutesInMonth").asLong()).isEqualTo(44_580);
        assertThat(march.get("unavailableMinutes").decimalValue()).isEqualByComparingTo("60");
        assertThat(march.get("excludedMinutes").decimalValue()).isEqualByComparingTo("120");
        // (44,580 - 120 - 60) / (44,580 - 120) = 99.86504...%
        assertThat(march.get("availabilityPercent").decimalValue()).isEqualByComparingTo("99.8650");
        assertThat(march.get("targetPercent").decimalValue()).isEqualByComparingTo("99.9");
        assertThat(march.get("penaltyPercent").asInt()).isEqualTo(10);
        assertThat(march.get("monthlyFee").asText()).isEqualTo("290.00");
        assertThat(march.get("paidForMonth").asText()).isEqualTo("0.00");
        assertThat(march.get("creditNote").asText()).as("R5.2: no invoice of March paid").isEqualTo("0.00");
        assertThat(march.get("contractReference").asText()).startsWith("PG-T");

        JsonNode april = row("2026-04", f.contractId(), "PROGERANCE");
        assertThat(april.get("minutesInMonth").asLong()).isEqualTo(43_200);
        assertThat(april.get("unavailableMinutes").decimalValue()).isEqualByComparingTo("60");
    }

    @Test
    @DisplayName("R4.4-t: a TIERCE outage ops classified as the hoster's is excluded; R9: force majeure declared then lifted on an incident excludes its period")
    void tierceHosterAndForceMajeure() {
        clock.set(paris("2026-04-01T09:00"));
        BillingFixture f = BillingFixture.create(register, true);
        TestApi.Answer tierceServer = ops.post("/api/servers", RegisterApi.serverBody(f.contractId(), "TIERCE"));
        assertThat(tierceServer.status()).as(tierceServer.toString()).isEqualTo(201);
        long tierce = RegisterApi.created(tierceServer);

        clock.set(paris("2026-04-02T10:05"));
        String hosterIncident = incidents.report(new NewReport(tierce, IncidentCategory.TROUBLESHOOTING, 1,
                "Serveur injoignable", "monitoring", paris("2026-04-02T10:00")), null).incident().getNumber();
        incidents.takeCharge(hosterIncident, "availalice", CauseCategory.HOSTER, "Panne chez l'hébergeur");
        outage(tierce, "2026-04-02T10:00", "2026-04-02T14:00", hosterIncident);

        clock.set(paris("2026-04-05T00:00"));
        String fmIncident = incidents.report(new NewReport(f.serverId(), IncidentCategory.TROUBLESHOOTING, 1,
                "Inondation du centre", "monitoring", paris("2026-04-05T00:00")), null).incident().getNumber();
        incidents.declareForceMajeure(fmIncident, "Inondation", "availmarc");
        outage(f.serverId(), "2026-04-05T10:00", "2026-04-05T12:00", fmIncident);
        clock.set(paris("2026-04-06T00:00"));
        // The lift as IncidentHandling's Task_LiftForceMajeure records it on the timeline (the clocks had not started here).
        incidents.record(fmIncident, IncidentEvent.Kind.FORCE_MAJEURE_LIFTED, "R9: levée", "availmarc");
        outage(f.serverId(), "2026-04-07T10:00", "2026-04-07T10:10", null);
        clock.set(paris("2026-05-01T08:00"));

        JsonNode t = row("2026-04", f.contractId(), "TIERCE");
        assertThat(t.get("unavailableMinutes").decimalValue()).isEqualByComparingTo("0");
        assertThat(t.get("excludedMinutes").decimalValue()).as("the hoster's 4 h and the force majeure day")
                .isEqualByComparingTo("1680");
        assertThat(t.get("availabilityPercent").decimalValue()).isEqualByComparingTo("100");
        assertThat(t.get("targetPercent").decimalValue()).isEqualByComparingTo("99.5");
        assertThat(t.get("penaltyPercent").asInt()).isZero();

        JsonNode p = row("2026-04", f.contractId(), "PROGERANCE");
        assertThat(p.get("unavailableMinutes").decimalValue()).isEqualByComparingTo("10");
        assertThat(p.get("excludedMinutes").decimalValue()).isEqualByComparingTo("1440");
        // (43,200 - 1,440 - 10) / (43,200 - 1,440) = 99.97605...%
        assertThat(p.get("availabilityPercent").decimalValue()).isEqualByComparingTo("99.9760");
        assertThat(p.get("penaltyPercent").asInt()).isZero();
    }

    @Test
    @DisplayName("R4.0-a, R4.4-t: managers reclassify an outage (cause and note), which moves it out of the measure; ops may not (403); bad bodies 400; unknown 404")
    void reclassify() {
        BillingFixture f = BillingFixture.create(register, true);
        long id = outage(f.serverId(), "2026-06-10T10:00", "2026-06-10T12:00", null);
        clock.set(paris("2026-07-01T08:00"));
        assertThat(row("2026-06", f.contractId(), "PROGERANCE").get("penaltyPercent").asInt()).isEqualTo(10);
        JsonNode listed = ops.get("/api/availability/outages?month=2026-06").json();
        JsonNode mine = null;
        for (JsonNode o : listed) {
            if (o.get("id").asLong() == id) {
                mine = o;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("start").asText()).isEqualTo("2026-06-10T10:00:00+02:00");
        assertThat(mine.get("causeCategory").isNull()).isTrue();

        assertThat(ops.put("/api/availability/outages/" + id, body("causeCategory", "APPLICATION", "note", "Module"))
                .status()).isEqualTo(403);
        TestApi.Answer bad = manager.put("/api/availability/outages/" + id, body("causeCategory", "NOPE", "note", "x"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        TestApi.Answer noNote = manager.put("/api/availability/outages/" + id, body("causeCategory", "APPLICATION"));
        assertThat(noNote.status()).as(noNote.toString()).isEqualTo(400);
        assertThat(RegisterApi.fields(noNote)).contains("note");
        assertThat(manager.put("/api/availability/outages/99999999", body("causeCategory", "APPLICATION", "note", "x"))
                .status()).isEqualTo(404);

        TestApi.Answer done = manager.put("/api/availability/outages/" + id, body("causeCategory", "APPLICATION",
                "note", "Lenteur d'un module tiers (R4.0-a)"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("causeCategory").asText()).isEqualTo("APPLICATION");
        assertThat(done.json().get("responsibility").asText()).isEqualTo("PROVIDER");
        JsonNode june = row("2026-06", f.contractId(), "PROGERANCE");
        assertThat(june.get("unavailableMinutes").decimalValue()).isEqualByComparingTo("0");
        assertThat(june.get("excludedMinutes").decimalValue()).isEqualByComparingTo("120");
        assertThat(june.get("penaltyPercent").asInt()).isZero();
    }

    @Test
    @DisplayName("R4.4-p: the ledger keeps one open outage per server: a second start returns it, an end without one does nothing")
    void ledgerIsIdempotent() {
        BillingFixture f = BillingFixture.create(register, true);
        clock.set(paris("2026-08-03T10:00"));
        ledger.outageEnded(f.serverId(), paris("2026-08-03T10:00"));
        assertThat(ledger.openOutage(f.serverId())).isEmpty();
        long first = ledger.outageStarted(f.serverId(), paris("2026-08-03T09:58"), "TCP:443 refused", null);
        long again = ledger.outageStarted(f.serverId(), paris("2026-08-03T09:59"), "TCP:443 refused", "INC-X");
        assertThat(again).isEqualTo(first);
        OutageView open = ledger.openOutage(f.serverId()).orElseThrow();
        assertThat(open.start()).isEqualTo(paris("2026-08-03T09:58"));
        assertThat(open.incidentNumber()).isEqualTo("INC-X");
        assertThat(open.end()).isNull();
        assertThat(open.contractId()).isEqualTo(f.contractId());
        ledger.outageEnded(f.serverId(), paris("2026-08-03T10:20"));
        assertThat(ledger.openOutage(f.serverId())).isEmpty();
        long next = ledger.outageStarted(f.serverId(), paris("2026-08-03T11:00"), "TCP:443 refused", null);
        assertThat(next).isNotEqualTo(first);
        ledger.outageEnded(f.serverId(), paris("2026-08-03T11:05"));
    }
}
