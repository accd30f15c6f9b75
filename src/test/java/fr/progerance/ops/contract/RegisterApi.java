package fr.progerance.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.TestApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds register records through the real API for the HTTP tests. Every value that must be unique
 * (VAT numbers, references) is fresh, because all Spring tests share one context and database.
 */
public final class RegisterApi {

    public static final String FINGERPRINT = "SHA256:wCaPWU2z/Ojowy76wdXINnbShxM8kt3oP5DG5jhYqQY";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    public final TestApi api;

    public RegisterApi(int port) {
        this.api = TestApi.asAdmin(port);
    }

    /** A JSON object from key/value pairs (values may be null, unlike Map.of). */
    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.putAll(body(keyValues));
        return copy;
    }

    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    /** A French VAT number with a correct key, for a random SIREN. */
    public static String frenchVat() {
        long siren = ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L);
        long key = (12 + 3 * (siren % 97)) % 97;
        return String.format("FR%02d%09d", key, siren);
    }

    public static Map<String, Object> clientBody() {
        return body("companyName", unique("Boutique Test SAS"),
                "billingAddress", body("line1", "12 rue des Lilas", "line2", null, "postalCode", "69003",
                        "city", "Lyon", "country", "FR"),
                "vatNumber", frenchVat());
    }

    public static Map<String, Object> contractBody(long clientId) {
        return body("clientId", clientId, "reference", unique("PG-T"), "serviceLevel", 1,
                "monthlyFeeExclTax", 290.00, "startDate", "2026-01-01", "initialTermMonths", 12);
    }

    public static Map<String, Object> serverBody(long contractId, String infrastructure) {
        String name = unique("web");
        return body("contractId", contractId, "name", name, "address", name + ".example.net", "sshUser", "root",
                "hostKeyFingerprint", FINGERPRINT, "infrastructure", infrastructure,
                "hosterName", infrastructure.equals("TIERCE") ? "OVHcloud" : null,
                "prestashopUrl", "https://" + name + ".example.net/", "installPath", "/var/www/prestashop",
                "databaseName", "prestashop");
    }

    public long createClient() {
        return created(api.post("/api/clients", clientBody()));
    }

    public long createContract(long clientId) {
        return created(api.post("/api/contracts", contractBody(clientId)));
    }

    public long createServer(long contractId, String infrastructure) {
        return created(api.post("/api/servers", serverBody(contractId, infrastructure)));
    }

    public long createContact(long clientId, String role, Object... more) {
        Map<String, Object> contact = with(body("name", unique("Contact " + role), "email", "contact@example.fr",
                "phone", "+33 6 12 34 56 78", "role", role), more);
        return created(api.post("/api/clients/" + clientId + "/contacts", contact));
    }

    public TestApi.Answer setStatus(long contractId, String status) {
        return api.put("/api/contracts/" + contractId + "/status", body("status", status));
    }

    /**
     * A level-1 PROGERANCE incident reported on a new loopback server whose SSH and shop ports are
     * closed (the webapp tests need an incident, not its diagnosis); returns its number.
     */
    public String reportIncidentOnAClosedServer() {
        long clientId = createClient();
        createContact(clientId, "PRIMARY", "mayAuthorise", true);
        long contractId = created(api.post("/api/contracts", with(contractBody(clientId), "databaseConnectionQuota", 50)));
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        long serverId = created(api.post("/api/servers", with(serverBody(contractId, "PROGERANCE"),
                "address", "127.0.0.1", "sshPort", closed, "prestashopUrl", "http://127.0.0.1:" + closed + "/")));
        assertThat(setStatus(contractId, "ACTIVE").status()).isEqualTo(200);
        TestApi.Answer incident = api.post("/api/incidents", body("serverId", serverId, "category", "TROUBLESHOOTING",
                "level", 1, "summary", "Page blanche sur la boutique", "source", "client", "detectedAt",
                java.time.OffsetDateTime.now().minusMinutes(1).toString()));
        assertThat(incident.status()).as(incident.toString()).isEqualTo(201);
        return incident.json().get("number").asText();
    }

    /** Asserts 201 with a Location header pointing at the new record; returns its id. */
    public static long created(TestApi.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        long id = answer.json().get("id").asLong();
        assertThat(answer.response().headers().firstValue("Location")).get().asString().endsWith("/" + id);
        return id;
    }

    /** The fields named by a 400/409 answer's problems. */
    public static List<String> fields(TestApi.Answer answer) {
        List<String> fields = new ArrayList<>();
        for (JsonNode p : answer.json().get("problems")) {
            fields.add(p.get("field").asText());
        }
        return fields;
    }

    public static String problemsText(TestApi.Answer answer) {
        return answer.json().get("problems").toString();
    }
}
