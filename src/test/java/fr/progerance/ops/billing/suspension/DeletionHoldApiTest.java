package fr.progerance.ops.billing.suspension;

import static fr.progerance.ops.contract.RegisterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.backup.BackupFixture;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.security.OpsGroups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** R8.2 deletion holds through real HTTP: managers place and lift them, the record says who and when. */
@OpsSpringBootTest
@DisplayName("R8.2 deletion holds: API, record, event after commit, gauge")
class DeletionHoldApiTest {

    private static final Instant PLACED = Instant.parse("2026-03-10T10:15:00Z");
    private static final Instant LIFTED = Instant.parse("2026-03-12T16:40:00Z");
    private static final Pattern GAUGE = Pattern.compile("(?m)^ops_billing_deletion_holds(?:\\{[^}]*\\})? (\\S+)$");

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    DeletionHolds holds;
    @Autowired
    HoldLiftedEvents events;

    private TestApi ops;
    private TestApi manager;
    private long clientId;

    @BeforeEach
    void setUp() {
        clock.set(PLACED);
        ops = TestApi.as(port, BackupFixture.user(identity, "holdapiops", OpsGroups.OPS), BackupFixture.PASSWORD);
        manager = TestApi.as(port, BackupFixture.user(identity, "holdapimanager", OpsGroups.MANAGERS),
                BackupFixture.PASSWORD);
        clientId = new RegisterApi(port).createClient();
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    @DisplayName("R8.2: a manager places a hold (who and when from the login and the clock), the deletion is held; lifting it records who and when, and the hold no longer stands")
    void placeAndLift() {
        String path = "/api/clients/" + clientId + "/deletion-holds";
        assertThat(holds.held(clientId)).isFalse();

        TestApi.Answer placed = manager.post(path, body("reason", "DISPUTE", "note", "Contestation du client\nen cours"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode hold = placed.json();
        long holdId = hold.get("id").asLong();
        assertThat(placed.response().headers().firstValue("Location")).hasValue(path + "/" + holdId);
        assertThat(hold.get("clientId").asLong()).isEqualTo(clientId);
        assertThat(hold.get("reason").asText()).isEqualTo("DISPUTE");
        assertThat(hold.get("note").asText()).isEqualTo("Contestation du client\nen cours");
        assertThat(hold.get("placedBy").asText()).isEqualTo("holdapimanager");
        assertThat(java.time.OffsetDateTime.parse(hold.get("placedAt").asText()).toInstant()).isEqualTo(PLACED);
        assertThat(hold.get("standing").asBoolean()).isTrue();
        assertThat(hold.get("liftedBy").isNull()).isTrue();
        assertThat(holds.held(clientId)).as("DeletionHolds.held reads the record").isTrue();

        TestApi.Answer list = ops.get(path);
        assertThat(list.status()).as("ops read the holds").isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("id").asLong()).isEqualTo(holdId);

        clock.set(LIFTED);
        TestApi.Answer lifted = manager.post(path + "/" + holdId + "/lift", body());
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        assertThat(lifted.json().get("liftedBy").asText()).isEqualTo("holdapimanager");
        assertThat(java.time.OffsetDateTime.parse(lifted.json().get("liftedAt").asText()).toInstant())
                .isEqualTo(LIFTED);
        assertThat(lifted.json().get("standing").asBoolean()).isFalse();
        assertThat(holds.held(clientId)).isFalse();

        TestApi.Answer again = manager.post(path + "/" + holdId + "/lift", body());
        assertThat(again.status()).as("lifting twice: " + again).isEqualTo(409);
        assertThat(again.json().get("message").asText()).contains("holdapimanager");
    }

    @Test
    @DisplayName("R8.2: the hold stands while any hold of the client is not lifted")
    void severalHolds() {
        String path = "/api/clients/" + clientId + "/deletion-holds";
        long first = RegisterApi.created(manager.post(path, body("reason", "DISPUTE")));
        long second = RegisterApi.created(manager.post(path, body("reason", "LEGAL_REQUEST",
                "note", "Réquisition judiciaire du 9 mars")));
        assertThat(manager.post(path + "/" + first + "/lift", body()).status()).isEqualTo(200);
        assertThat(holds.held(clientId)).as("the legal request still stands").isTrue();
        assertThat(manager.post(path + "/" + second + "/lift", body()).status()).isEqualTo(200);
        assertThat(holds.held(clientId)).isFalse();
        assertThat(ops.get(path).json()).extracting(h -> h.get("standing").asBoolean()).containsExactly(false, false);
    }

    @Test
    @DisplayName("R8.2: only managers place and lift holds (ops 403, nothing written); 400 names the field; 404 unknown client or hold")
    void refusals() {
        String path = "/api/clients/" + clientId + "/deletion-holds";
        TestApi.Answer byOps = ops.post(path, body("reason", "DISPUTE", "note", "x"));
        assertThat(byOps.status()).as(byOps.toString()).isEqualTo(403);
        assertThat(ops.get(path).json()).as("the refused request wrote nothing").isEmpty();

        assertThat(fields(manager.post(path, body("note", "sans motif")))).containsExactly("reason");
        assertThat(fields(manager.post(path, body("reason", "BECAUSE")))).containsExactly("reason");
        assertThat(fields(manager.post(path, body("reason", "OTHER")))).as("OTHER says why").containsExactly("note");
        assertThat(fields(manager.post(path, body("reason", "OTHER", "note", "   ")))).containsExactly("note");
        assertThat(fields(manager.post(path, body("reason", "DISPUTE", "note", "a\u001bb")))).containsExactly("note");
        assertThat(fields(manager.post(path, body("reason", "DISPUTE", "note", "x".repeat(501)))))
                .containsExactly("note");
        assertThat(fields(manager.post(path, body("reason", "DISPUTE", "placedBy", "someone-else"))))
                .as("who placed it comes from the login, never from the body").containsExactly("placedBy");
        assertThat(ops.get(path).json()).isEmpty();

        assertThat(manager.post("/api/clients/999999999/deletion-holds", body("reason", "DISPUTE")).status())
                .isEqualTo(404);
        assertThat(ops.get("/api/clients/999999999/deletion-holds").status()).isEqualTo(404);
        long holdId = RegisterApi.created(manager.post(path, body("reason", "OTHER", "note", "Audit interne")));
        assertThat(ops.post(path + "/" + holdId + "/lift", body()).status()).isEqualTo(403);
        assertThat(holds.held(clientId)).isTrue();
        assertThat(manager.post(path + "/999999999/lift", body()).status()).isEqualTo(404);
        long otherClient = new RegisterApi(port).createClient();
        assertThat(manager.post("/api/clients/" + otherClient + "/deletion-holds/" + holdId + "/lift", body()).status())
                .as("a hold is lifted through its own client").isEqualTo(404);
        assertThat(holds.held(clientId)).isTrue();
        assertThat(manager.post(path + "/" + holdId + "/lift", body()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("R8.2: DeletionHoldLifted is published once the lift is committed, outside its transaction")
    void eventAfterCommit() {
        String path = "/api/clients/" + clientId + "/deletion-holds";
        long holdId = RegisterApi.created(manager.post(path, body("reason", "DISPUTE")));
        assertThat(events.of(clientId)).as("placing publishes nothing").isEmpty();
        assertThat(manager.post(path + "/" + holdId + "/lift", body()).status()).isEqualTo(200);
        assertThat(events.of(clientId)).containsExactly(new HoldLiftedEvents.Seen(clientId, false, false));
        assertThat(manager.post(path + "/" + holdId + "/lift", body()).status()).isEqualTo(409);
        assertThat(events.of(clientId)).as("a refused lift publishes nothing").hasSize(1);
    }

    @Test
    @DisplayName("R8.2: the gauge ops_billing_deletion_holds counts the holds standing, on /actuator/prometheus")
    void standingHoldsGauge() {
        String path = "/api/clients/" + clientId + "/deletion-holds";
        double before = gaugeValue();
        long first = RegisterApi.created(manager.post(path, body("reason", "DISPUTE")));
        RegisterApi.created(manager.post(path, body("reason", "LEGAL_REQUEST")));
        assertThat(gaugeValue()).isEqualTo(before + 2);
        manager.post(path + "/" + first + "/lift", body());
        assertThat(gaugeValue()).isEqualTo(before + 1);
        ops.post(path, body("reason", "DISPUTE"));
        assertThat(gaugeValue()).as("a refused request counts nothing").isEqualTo(before + 1);
    }

    private double gaugeValue() {
        TestApi admin = TestApi.asAdmin(port);
        TestApi.Answer metrics = admin.send(admin.request("/actuator/prometheus").setHeader("Accept", "text/plain").GET());
        assertThat(metrics.status()).isEqualTo(200);
        Matcher m = GAUGE.matcher(metrics.body());
        assertThat(m.find()).as("ops_billing_deletion_holds in:\n%s", metrics.body().lines()
                .filter(l -> l.contains("deletion")).toList()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static List<String> fields(TestApi.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        answer.json().path("problems").forEach(p -> fields.add(p.path("field").asText()));
        return fields;
    }
}
