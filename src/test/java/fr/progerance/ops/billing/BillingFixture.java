package fr.progerance.ops.billing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Register records for the billing tests, through the real API: a client with its primary contact
 * and a contract (fee 290.00 excluding tax, started 1 January 2026 unless said otherwise) with one
 * PROGERANCE server, ACTIVE or DRAFT. Also users of a group, for the API tests.
 */
public record BillingFixture(long clientId, long contractId, long serverId) {

    public static final String PASSWORD = "Billing-Test-Passw0rd-2026";

    public static BillingFixture create(RegisterApi register, boolean active) {
        return create(register, active, Map.of());
    }

    /** @param contract fields of the contract body to change (e.g. startDate, monthlyFeeExclTax) */
    public static BillingFixture create(RegisterApi register, boolean active, Map<String, Object> contract) {
        long clientId = register.createClient();
        return forClient(register, clientId, active, contract);
    }

    /** Another contract of an existing client. */
    public static BillingFixture forClient(RegisterApi register, long clientId, boolean active,
            Map<String, Object> contract) {
        if (register.api.get("/api/clients/" + clientId + "/contacts").json().isEmpty()) {
            register.createContact(clientId, "PRIMARY");
        }
        Map<String, Object> body = RegisterApi.with(RegisterApi.contractBody(clientId), "databaseConnectionQuota", 100);
        body.putAll(contract);
        long contractId = RegisterApi.created(register.api.post("/api/contracts", body));
        long serverId = register.createServer(contractId, "PROGERANCE");
        if (active) {
            TestApi.Answer activated = register.setStatus(contractId, "ACTIVE");
            assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        }
        return new BillingFixture(clientId, contractId, serverId);
    }

    /** A user in one group (created once), for real HTTP calls. */
    public static String user(IdentityService identity, String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Billing tests");
            user.setEmail(id + "@progerance.example");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            if (group != null) {
                identity.createMembership(id, group);
            }
        }
        return id;
    }
}
