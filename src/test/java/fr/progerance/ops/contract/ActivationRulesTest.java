package fr.progerance.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.web.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ActivationRulesTest {

    private final Client client = Fixtures.client();
    private final Contact primary = Fixtures.contact(client, ContactRole.PRIMARY, true);
    private final Contact hoster = Fixtures.contact(client, ContactRole.HOSTER_EMERGENCY, false);

    @Test
    @DisplayName("RD-infra R6.7 a contract without server nor PRIMARY contact cannot become ACTIVE")
    void needsServerAndPrimary() {
        Contract contract = Fixtures.contract(client, List.of(), null, 100);
        List<FieldProblem> problems = ActivationRules.problems(contract, List.of(), List.of());
        assertThat(problems).extracting(FieldProblem::field).containsExactly("servers", "contacts");
    }

    @Test
    @DisplayName("R3.7 a contract with a PROGERANCE server needs its database-connection quota")
    void progeranceNeedsQuota() {
        Contract contract = Fixtures.contract(client, List.of(), null, null);
        Server server = Fixtures.server(contract, Infrastructure.PROGERANCE, "web1");
        assertThat(ActivationRules.problems(contract, List.of(server), List.of(primary)))
                .extracting(FieldProblem::field).containsExactly("databaseConnectionQuota");
        Contract withQuota = Fixtures.contract(client, List.of(), null, 150);
        assertThat(ActivationRules.problems(withQuota, List.of(Fixtures.server(withQuota, Infrastructure.PROGERANCE,
                "web1")), List.of(primary))).isEmpty();
    }

    @Test
    @DisplayName("R3.4 a TIERCE server is created with its whole checklist unchecked, which blocks activation")
    void tierceChecklistBlocks() {
        Contract contract = Fixtures.contract(client, List.of(), null, null);
        Server server = Fixtures.server(contract, Infrastructure.TIERCE, "tierce1");
        assertThat(server.uncheckedPrerequisites()).containsExactly(Prerequisite.values());
        List<FieldProblem> problems = ActivationRules.problems(contract, List.of(server), List.of(primary, hoster));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).message()).contains("tierce1", "ROOT_ACCESS", "DISASTER_RECOVERY_PROCEDURE");
    }

    @Test
    @DisplayName("R3.4 R6.8-a once every item is checked and a hoster emergency contact exists, activation is allowed")
    void tierceCompleteAllows() {
        Contract contract = Fixtures.contract(client, List.of(), null, null);
        Server server = Fixtures.server(contract, Infrastructure.TIERCE, "tierce1");
        server.getPrerequisites().forEach(p -> p.record(true, null, "ops", Fixtures.NOW));
        assertThat(ActivationRules.problems(contract, List.of(server), List.of(primary, hoster))).isEmpty();
        assertThat(ActivationRules.problems(contract, List.of(server), List.of(primary)))
                .extracting(FieldProblem::message).singleElement().asString().contains("R6.8-a");
    }

    @Test
    @DisplayName("R3.4 unchecking an item clears who checked it and when")
    void uncheck() {
        Contract contract = Fixtures.contract(client, List.of(), null, null);
        Server server = Fixtures.server(contract, Infrastructure.TIERCE, "tierce1");
        ServerPrerequisite root = server.prerequisite(Prerequisite.ROOT_ACCESS).orElseThrow();
        root.record(true, "key installed", "alice", Fixtures.NOW);
        root.record(true, "key installed, checked again", "bob", Fixtures.NOW.plusSeconds(60));
        assertThat(root.getCheckedBy()).isEqualTo("alice");
        assertThat(root.getCheckedAt()).isEqualTo(Fixtures.NOW);
        root.record(false, "access withdrawn", "bob", Fixtures.NOW.plusSeconds(120));
        assertThat(root.isChecked()).isFalse();
        assertThat(root.getCheckedBy()).isNull();
        assertThat(root.getCheckedAt()).isNull();
    }

    @Test
    @DisplayName("R3.4 a server moved from TIERCE to PROGERANCE loses its checklist")
    void kindChange() {
        Contract contract = Fixtures.contract(client, List.of(), null, 10);
        Server server = Fixtures.server(contract, Infrastructure.TIERCE, "srv");
        server.update("srv", "srv.example.net", 22, "root", server.getHostKeyFingerprint(), Infrastructure.PROGERANCE,
                null, "https://srv.example.net/", "/var/www/shop", "prestashop", Fixtures.NOW);
        assertThat(server.getPrerequisites()).isEmpty();
        assertThat(server.uncheckedPrerequisites()).isEmpty();
    }
}
