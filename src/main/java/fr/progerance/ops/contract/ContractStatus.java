package fr.progerance.ops.contract;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a contract. Allowed moves: DRAFT to ACTIVE; ACTIVE to SUSPENDED and back (R7.3
 * suspension for non-payment, R8.2 reactivation); any state but TERMINATED to TERMINATED (R8.3,
 * R8.4, R9). TERMINATED is final. Staying in the same state is not a move (an idempotent PUT).
 */
public enum ContractStatus {
    DRAFT,
    ACTIVE,
    SUSPENDED,
    TERMINATED;

    /** The states this one may move to. */
    public Set<ContractStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(ACTIVE, TERMINATED);
            case ACTIVE -> EnumSet.of(SUSPENDED, TERMINATED);
            case SUSPENDED -> EnumSet.of(ACTIVE, TERMINATED);
            case TERMINATED -> EnumSet.noneOf(ContractStatus.class);
        };
    }

    public boolean canMoveTo(ContractStatus target) {
        return next().contains(target);
    }

    /** A terminated contract is a closed record: it no longer changes. */
    public boolean isFinal() {
        return this == TERMINATED;
    }
}
