package fr.progerance.ops.incident.flow;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.Prerequisite;
import fr.progerance.ops.contract.RegisterApi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The register records a flow scenario needs, created through the real API: a client with its
 * contacts, an ACTIVE contract and one server whose shop is the test's HTTP server.
 *
 * @param clientId     the client
 * @param contractId   its contract
 * @param serverId     its server
 * @param primaryEmail where client mails go
 * @param contactEmails the decision contacts' addresses, in their order (primary, secondaries, 24/7)
 * @param hosterEmail  the hoster's emergency contact (TIERCE)
 */
public record IncidentFlowFixture(long clientId, long contractId, long serverId, String primaryEmail,
        List<String> contactEmails, String hosterEmail) {

    /** How the register is set up; the defaults are a PROGERANCE level-1 contract with a procedure. */
    public static final class Spec {
        String infrastructure = "PROGERANCE";
        int level = 1;
        boolean procedure = true;
        boolean outOfHoursAgreed = true;
        boolean primaryMayAuthorise = true;
        String shopUrl;

        public Spec shopUrl(String url) {
            this.shopUrl = url;
            return this;
        }

        Spec tierce() {
            this.infrastructure = "TIERCE";
            return this;
        }

        Spec level(int level) {
            this.level = level;
            return this;
        }

        Spec withoutProcedure() {
            this.procedure = false;
            return this;
        }

        Spec withoutOutOfHoursAgreement() {
            this.outOfHoursAgreed = false;
            return this;
        }

        Spec primaryMayNotAuthorise() {
            this.primaryMayAuthorise = false;
            return this;
        }
    }

    public static IncidentFlowFixture create(RegisterApi register, Spec spec) {
        TestApi api = register.api;
        long clientId = register.createClient();
        String tag = RegisterApi.unique("f").replace("-", "");
        String primary = "primaire." + tag + "@client.example";
        String secondary = "secours." + tag + "@client.example";
        String onCall = "astreinte." + tag + "@client.example";
        String hoster = "urgence." + tag + "@hebergeur.example";
        register.createContact(clientId, "PRIMARY", "email", primary, "mayAuthorise", spec.primaryMayAuthorise);
        register.createContact(clientId, "SECONDARY", "email", secondary, "secondaryOrder", 1, "mayAuthorise", true);
        register.createContact(clientId, "ON_CALL", "email", onCall, "mayAuthorise", true);
        register.createContact(clientId, "HOSTER_EMERGENCY", "email", hoster);
        Map<String, Object> contract = with(RegisterApi.contractBody(clientId), "serviceLevel", spec.level,
                "databaseConnectionQuota", 100, "tierceOutOfHoursAgreed", spec.outOfHoursAgreed);
        if (spec.procedure) {
            contract = with(contract, "emergencyProcedure", body("steps", List.of("Restaurer la dernière sauvegarde"),
                    "allowedActions", List.of("RESTORE_BACKUP")), "emergencyBudgetExclTax", 500);
        }
        long contractId = created(api.post("/api/contracts", contract));
        long serverId = created(api.post("/api/servers", with(RegisterApi.serverBody(contractId, spec.infrastructure),
                "prestashopUrl", spec.shopUrl)));
        if (spec.infrastructure.equals("TIERCE")) {
            api.put("/api/servers/" + serverId + "/prerequisites", body("items", Arrays.stream(Prerequisite.values())
                    .map(p -> body("item", p.name(), "checked", true)).toList()));
        }
        TestApi.Answer activated = register.setStatus(contractId, "ACTIVE");
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        return new IncidentFlowFixture(clientId, contractId, serverId, primary,
                new ArrayList<>(List.of(primary, secondary, onCall)), hoster);
    }
}
