package fr.progerance.ops.contract;

import static fr.progerance.ops.contract.EmergencyReadiness.Gap.AUTHORISED_CONTACT;
import static fr.progerance.ops.contract.EmergencyReadiness.Gap.BUDGET;
import static fr.progerance.ops.contract.EmergencyReadiness.Gap.ON_CALL_CONTACT;
import static fr.progerance.ops.contract.EmergencyReadiness.Gap.PROCEDURE;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EmergencyReadinessTest {

    private final Client client = Fixtures.client();

    @Test
    @DisplayName("R4.3-t4 a contract without procedure, authorised person, budget or 24/7 contact lists all four gaps")
    void nothingDefined() {
        EmergencyReadiness r = EmergencyReadiness.assess(List.of(), null,
                List.of(Fixtures.contact(client, ContactRole.PRIMARY, false)));
        assertThat(r.ready()).isFalse();
        assertThat(r.missing()).containsExactly(PROCEDURE, AUTHORISED_CONTACT, BUDGET, ON_CALL_CONTACT);
    }

    @Test
    @DisplayName("R4.3-t4 procedure, an authorising contact, a budget and an ON_CALL contact make the contract ready")
    void everythingDefined() {
        EmergencyReadiness r = EmergencyReadiness.assess(List.of("Call the on-call contact", "Restart PHP-FPM"),
                new BigDecimal("1500.00"), List.of(Fixtures.contact(client, ContactRole.PRIMARY, true),
                        Fixtures.contact(client, ContactRole.ON_CALL, false)));
        assertThat(r.ready()).isTrue();
        assertThat(r.missing()).isEmpty();
    }

    @Test
    @DisplayName("R4.3-t4 the authorising person may be the ON_CALL contact itself; a zero budget is a defined budget")
    void onCallMayAuthoriseAndZeroBudget() {
        EmergencyReadiness r = EmergencyReadiness.assess(List.of("Step"), BigDecimal.ZERO,
                List.of(Fixtures.contact(client, ContactRole.ON_CALL, true)));
        assertThat(r.ready()).isTrue();
    }

    @Test
    @DisplayName("R4.3-t4 only the missing elements are listed")
    void partlyDefined() {
        Contract contract = Fixtures.contract(client, List.of("Step 1"), null, null);
        EmergencyReadiness r = EmergencyReadiness.assess(contract,
                List.of(Fixtures.contact(client, ContactRole.SECONDARY, true)));
        assertThat(r.missing()).containsExactly(BUDGET, ON_CALL_CONTACT);
    }
}
