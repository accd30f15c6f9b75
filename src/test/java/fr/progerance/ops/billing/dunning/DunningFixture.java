package fr.progerance.ops.billing.dunning;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Register records for the dunning flows, created through the real API: a client with a PRIMARY
 * and a BILLING contact (the billing one receives the dunning's mails), and one ACTIVE contract per
 * fee given, started 1 January 2025, each with one PROGERANCE server.
 *
 * @param clientId     the client
 * @param contractIds  its contracts
 * @param serverIds    one server per contract
 * @param billingEmail where the dunning's mails go
 * @param primaryEmail the primary contact (receives nothing while a billing contact exists)
 */
public record DunningFixture(long clientId, List<Long> contractIds, List<Long> serverIds, String billingEmail,
        String primaryEmail) {

    static final String PASSWORD = "Dunning-Test-Passw0rd-2026";

    public long contractId() {
        return contractIds.get(0);
    }

    public long serverId() {
        return serverIds.get(0);
    }

    /** A client with one contract per monthly fee (excluding tax). */
    public static DunningFixture create(RegisterApi register, double... fees) {
        long clientId = register.createClient();
        String tag = RegisterApi.unique("d").replace("-", "").toLowerCase();
        String billing = "compta." + tag + "@client.example";
        String primary = "direction." + tag + "@client.example";
        register.createContact(clientId, "PRIMARY", "email", primary);
        register.createContact(clientId, "BILLING", "email", billing);
        List<Long> contracts = new ArrayList<>();
        List<Long> servers = new ArrayList<>();
        for (double fee : fees.length == 0 ? new double[] {290.00} : fees) {
            Map<String, Object> body = with(RegisterApi.contractBody(clientId), "databaseConnectionQuota", 100,
                    "startDate", "2025-01-01", "monthlyFeeExclTax", fee);
            long contractId = created(register.api.post("/api/contracts", body));
            servers.add(register.createServer(contractId, "PROGERANCE"));
            TestApi.Answer activated = register.setStatus(contractId, "ACTIVE");
            assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
            contracts.add(contractId);
        }
        return new DunningFixture(clientId, List.copyOf(contracts), List.copyOf(servers), billing, primary);
    }

    /** A user in one group (created once), for real HTTP calls. */
    public static String user(IdentityService identity, String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Dunning tests");
            user.setEmail(id + "@progerance.example");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
        return id;
    }
}
