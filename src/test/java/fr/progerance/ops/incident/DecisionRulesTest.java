package fr.progerance.ops.incident;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.contract.Client;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRole;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.EmergencyAction;
import fr.progerance.ops.contract.EmergencyReadiness;
import fr.progerance.ops.contract.RegisterTestData;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R4.3-t3 to R4.3-t5: whom to ask, in which order, and what applies when nobody answers. */
class DecisionRulesTest {

    private final Client client = RegisterTestData.client();
    private final Contact primary = RegisterTestData.contact(client, "Marie Primaire", ContactRole.PRIMARY, null, true);
    private final Contact second = RegisterTestData.contact(client, "Paul Second", ContactRole.SECONDARY, 2, true);
    private final Contact first = RegisterTestData.contact(client, "Lea Premiere", ContactRole.SECONDARY, 1, true);
    private final Contact onCall = RegisterTestData.contact(client, "Astreinte Client", ContactRole.ON_CALL, null, true);
    private final Contact billing = RegisterTestData.contact(client, "Compta", ContactRole.BILLING, null, true);

    @Test
    @DisplayName("R4.3-t5 (1): primary first, then the secondary contacts in their order, then the 24/7 contact")
    void order() {
        assertThat(DecisionContacts.inOrder(List.of(onCall, second, billing, first, primary)))
                .containsExactly(primary, first, second, onCall);
    }

    @Test
    @DisplayName("R4.3-t5 (1), R4.3-t4: contacts who may not authorise are still called in their place, but only an authorised person's answer decides")
    void everyoneIsCalledOnlyAuthorisedDecide() {
        Contact notAuthorisedPrimary = RegisterTestData.contact(client, "Gérant absent", ContactRole.PRIMARY, null, false);
        Contact intern = RegisterTestData.contact(client, "Stagiaire", ContactRole.SECONDARY, 1, false);
        Contact authorisedSecond = RegisterTestData.contact(client, "Paul Second", ContactRole.SECONDARY, 2, true);
        Contact notAuthorisedOnCall = RegisterTestData.contact(client, "Veilleur", ContactRole.ON_CALL, null, false);
        List<Contact> all = List.of(notAuthorisedOnCall, authorisedSecond, intern, notAuthorisedPrimary, billing);

        // The primary and the 24/7 contact are never skipped, whoever may authorise.
        assertThat(DecisionContacts.inOrder(all))
                .containsExactly(notAuthorisedPrimary, intern, authorisedSecond, notAuthorisedOnCall);
        assertThat(DecisionContacts.inOrder(all).stream().filter(c -> DecisionContacts.mayDecide(c, all)))
                .containsExactly(authorisedSecond);
    }

    @Test
    @DisplayName("R4.3-t4: when nobody is named as authorised, every contact asked may give the explicit validation")
    void anyoneDecidesWhenNobodyIsNamed() {
        Contact p = RegisterTestData.contact(client, "Marie", ContactRole.PRIMARY, null, false);
        Contact s = RegisterTestData.contact(client, "Paul", ContactRole.SECONDARY, 1, false);
        assertThat(DecisionContacts.mayDecide(p, List.of(p, s))).isTrue();
        assertThat(DecisionContacts.mayDecide(s, List.of(p, s))).isTrue();
        assertThat(DecisionContacts.mayDecide(s, List.of(p, s, primary))).as("once someone is named").isFalse();
    }

    @Test
    @DisplayName("R4.3-t4: when nobody is marked as authorised, the same roles are asked for an explicit validation")
    void everyoneWhenNobodyIsAuthorised() {
        Contact p = RegisterTestData.contact(client, "Marie", ContactRole.PRIMARY, null, false);
        Contact s = RegisterTestData.contact(client, "Paul", ContactRole.SECONDARY, 1, false);
        assertThat(DecisionContacts.inOrder(List.of(s, p))).containsExactly(p, s);
        assertThat(DecisionContacts.label(s)).contains("Paul").contains("SECONDARY 1").contains("+33");
    }

    @Test
    @DisplayName("R4.3-t5 (2): nobody answered, the procedure allows the action within budget: it applies")
    void procedureApplies() {
        var a = DecisionPolicy.afterNoAnswer(ready(), Set.of(EmergencyAction.RESTORE_BACKUP), new BigDecimal("500"),
                EmergencyAction.RESTORE_BACKUP, new BigDecimal("500.00"));
        assertThat(a.procedureApplies()).isTrue();
        assertThat(a.reason()).contains("R4.3-t5 (2)").contains("500");
    }

    @Test
    @DisplayName("R4.3-t4: above the emergency budget the procedure does not apply")
    void overBudget() {
        var a = DecisionPolicy.afterNoAnswer(ready(), Set.of(EmergencyAction.NEW_SERVER), new BigDecimal("500"),
                EmergencyAction.NEW_SERVER, new BigDecimal("500.01"));
        assertThat(a.procedureApplies()).isFalse();
        assertThat(a.reason()).contains("exceeds").contains("R4.3-t5 (3)");
    }

    @Test
    @DisplayName("R4.3-t5 (3): an action the procedure does not allow is refused, with the reason")
    void notAllowed() {
        var a = DecisionPolicy.afterNoAnswer(ready(), Set.of(EmergencyAction.RESTORE_BACKUP), new BigDecimal("500"),
                EmergencyAction.MIGRATION, BigDecimal.ONE);
        assertThat(a.procedureApplies()).isFalse();
        assertThat(a.reason()).contains("does not allow MIGRATION");
        var other = DecisionPolicy.afterNoAnswer(ready(), Set.of(EmergencyAction.RESTORE_BACKUP), new BigDecimal("500"),
                null, BigDecimal.ONE);
        assertThat(other.procedureApplies()).isFalse();
    }

    @Test
    @DisplayName("R4.3-t4: a contract missing procedure, deciders, budget or 24/7 contact needs explicit validation")
    void notReady() {
        Contract contract = RegisterTestData.contract(client, List.of(), Set.of(), null);
        EmergencyReadiness readiness = EmergencyReadiness.assess(contract, List.of(primary));
        var a = DecisionPolicy.afterNoAnswer(readiness, Set.of(), null, EmergencyAction.RESTORE_BACKUP, BigDecimal.ONE);
        assertThat(a.procedureApplies()).isFalse();
        assertThat(a.reason()).contains("R4.3-t4").contains("explicit client validation")
                .contains("no major-incident procedure");
    }

    private EmergencyReadiness ready() {
        Contract contract = RegisterTestData.contract(client, List.of("Restore the last backup"),
                Set.of(EmergencyAction.RESTORE_BACKUP), new BigDecimal("500"));
        return EmergencyReadiness.assess(contract, List.of(primary, onCall));
    }
}
