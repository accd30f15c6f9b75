package fr.progerance.ops.contract;

import static fr.progerance.ops.contract.ContractStatus.ACTIVE;
import static fr.progerance.ops.contract.ContractStatus.DRAFT;
import static fr.progerance.ops.contract.ContractStatus.SUSPENDED;
import static fr.progerance.ops.contract.ContractStatus.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContractStatusTest {

    @Test
    @DisplayName("R8.1 a DRAFT contract becomes ACTIVE or is TERMINATED, never SUSPENDED")
    void fromDraft() {
        assertThat(DRAFT.next()).containsExactlyInAnyOrder(ACTIVE, TERMINATED);
    }

    @Test
    @DisplayName("R7.3 an ACTIVE contract is SUSPENDED for non-payment and R8.2 reactivated from SUSPENDED")
    void suspension() {
        assertThat(ACTIVE.canMoveTo(SUSPENDED)).isTrue();
        assertThat(SUSPENDED.canMoveTo(ACTIVE)).isTrue();
        assertThat(ACTIVE.canMoveTo(DRAFT)).isFalse();
        assertThat(SUSPENDED.canMoveTo(DRAFT)).isFalse();
    }

    @Test
    @DisplayName("R8.3 any contract not yet terminated can be TERMINATED")
    void termination() {
        for (ContractStatus s : new ContractStatus[] {DRAFT, ACTIVE, SUSPENDED}) {
            assertThat(s.canMoveTo(TERMINATED)).as(s.name()).isTrue();
        }
    }

    @Test
    @DisplayName("R8.5 TERMINATED is final")
    void terminatedIsFinal() {
        assertThat(TERMINATED.next()).isEmpty();
        assertThat(TERMINATED.isFinal()).isTrue();
        for (ContractStatus s : ContractStatus.values()) {
            assertThat(TERMINATED.canMoveTo(s)).as(s.name()).isFalse();
        }
    }

    @Test
    @DisplayName("staying in the same status is not a move")
    void sameStatusIsNoMove() {
        for (ContractStatus s : ContractStatus.values()) {
            assertThat(s.canMoveTo(s)).as(s.name()).isFalse();
        }
    }
}
