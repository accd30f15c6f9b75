package fr.progerance.ops.update.process;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;

import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Register data and logins of the update flow tests. */
final class UpdateFlowFixture {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String PASSWORD = "Update-Test-Passw0rd-2026";
    static final String OPS = "updops";
    static final String MANAGER = "updmanager";
    static final String MANAGERS_MAILBOX = "direction@progerance.example";
    static final String OPS_MAILBOX = "astreinte@progerance.example";

    private UpdateFlowFixture() {
    }

    /** A client with its primary contact, an ACTIVE contract and one server of {@code infrastructure}. */
    record Shop(long clientId, long contractId, long serverId, String serverName) {
    }

    static Shop shop(RegisterApi register, String infrastructure, Object... serverFields) {
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY", "mayAuthorise", true);
        long contractId = created(register.api.post("/api/contracts",
                with(RegisterApi.contractBody(clientId), "databaseConnectionQuota", 50)));
        Map<String, Object> body = with(RegisterApi.serverBody(contractId, infrastructure), serverFields);
        TestApi.Answer server = register.api.post("/api/servers", body);
        long serverId = created(server);
        if (infrastructure.equals("TIERCE")) {
            register.api.put("/api/servers/" + serverId + "/prerequisites", allPrerequisites());
            register.createContact(clientId, "HOSTER_EMERGENCY");
        }
        TestApi.Answer active = register.setStatus(contractId, "ACTIVE");
        Assertions.assertThat(active.status()).as(active.toString()).isEqualTo(200);
        return new Shop(clientId, contractId, serverId, server.json().get("name").asText());
    }

    private static Map<String, Object> allPrerequisites() {
        java.util.List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (fr.progerance.ops.contract.Prerequisite p : fr.progerance.ops.contract.Prerequisite.values()) {
            items.add(Map.of("item", p.name(), "checked", true));
        }
        return Map.of("items", items);
    }

    static String user(IdentityService identity, String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Update tests");
            user.setEmail(id + "@progerance.example");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
        return id;
    }

    static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    /** A submit-form body of the planning task. */
    static Map<String, Object> window(String start, String end, String lateReason) {
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        variables.put(UpdateVariables.WINDOW_START, Map.of("value", start));
        variables.put(UpdateVariables.WINDOW_END, Map.of("value", end));
        if (lateReason != null) {
            variables.put(UpdateVariables.LATE_WINDOW_REASON, Map.of("value", lateReason));
        }
        return Map.of("variables", variables);
    }
}
