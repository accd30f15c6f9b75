package fr.progerance.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Register records for the backup tests, created through the real API: a client with its primary
 * contact, an ACTIVE contract and its servers. Also users of a group, for the API tests.
 *
 * @param clientId the client
 * @param contractId its contract
 * @param serverIds its servers
 */
public record BackupFixture(long clientId, long contractId, List<Long> serverIds) {

    public static final String PASSWORD = "Backup-Test-Passw0rd-2026";

    public long serverId() {
        return serverIds.get(0);
    }

    /** A client with {@code servers} PROGERANCE servers on a contract with that status (ACTIVE or DRAFT). */
    public static BackupFixture create(RegisterApi register, int servers, boolean active) {
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY");
        long contractId = RegisterApi.created(register.api.post("/api/contracts",
                RegisterApi.with(RegisterApi.contractBody(clientId), "databaseConnectionQuota", 100)));
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < servers; i++) {
            ids.add(register.createServer(contractId, "PROGERANCE"));
        }
        if (active) {
            TestApi.Answer activated = register.setStatus(contractId, "ACTIVE");
            assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        }
        return new BackupFixture(clientId, contractId, List.copyOf(ids));
    }

    /** A user in one group (created once), for real HTTP calls. */
    public static String user(IdentityService identity, String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Backup tests");
            user.setEmail(id + "@progerance.example");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
        return id;
    }
}
