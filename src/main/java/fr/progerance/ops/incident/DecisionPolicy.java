package fr.progerance.ops.incident;

import fr.progerance.ops.contract.EmergencyAction;
import fr.progerance.ops.contract.EmergencyReadiness;
import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the provider may do when an action needs the client's decision and nobody answered
 * (R4.3-t3 to R4.3-t5). Plain rules, tested without the engine.
 */
public final class DecisionPolicy {

    private DecisionPolicy() {
    }

    /** Whether the predefined emergency procedure applies, and why (recorded in the timeline). */
    public record Assessment(boolean procedureApplies, String reason) {
    }

    /**
     * R4.3-t5 after every contact was tried without an answer.
     *
     * @param readiness     R4.3-t4: what the contract defines
     * @param allowed       the actions the contract's procedure allows
     * @param budget        the maximum emergency budget excluding tax (null: not defined)
     * @param action        the action ops want to take (null: not one a procedure can allow)
     * @param estimatedCost its estimated cost excluding tax (null: unknown)
     */
    public static Assessment afterNoAnswer(EmergencyReadiness readiness, Set<EmergencyAction> allowed,
            BigDecimal budget, EmergencyAction action, BigDecimal estimatedCost) {
        if (!readiness.ready()) {
            String gaps = readiness.missing().stream().map(EmergencyReadiness.Gap::description)
                    .collect(Collectors.joining("; "));
            return new Assessment(false, "R4.3-t4: the contract lacks what acting without the client needs (" + gaps
                    + "), so only an explicit client validation allows this action; R4.3-t5 (3): until then only"
                    + " actions without impact on the infrastructure are allowed.");
        }
        if (action == null || !allowed.contains(action)) {
            return new Assessment(false, "R4.3-t5 (2): the emergency procedure does not allow "
                    + (action == null ? "this action" : action) + "; R4.3-t5 (3): only actions without impact on"
                    + " the infrastructure are allowed.");
        }
        if (estimatedCost == null) {
            return new Assessment(false, "R4.3-t4: no estimated cost was given to compare with the emergency budget;"
                    + " R4.3-t5 (3): only actions without impact on the infrastructure are allowed.");
        }
        if (estimatedCost.compareTo(budget) > 0) {
            return new Assessment(false, "R4.3-t4: the estimated cost " + estimatedCost.toPlainString()
                    + " EUR excl. tax exceeds the emergency budget of " + budget.toPlainString()
                    + " EUR excl. tax; R4.3-t5 (3): only actions without impact on the infrastructure are allowed.");
        }
        return new Assessment(true, "R4.3-t5 (2): nobody answered; the emergency procedure allows " + action
                + " and its estimated cost " + estimatedCost.toPlainString() + " EUR excl. tax is within the budget of "
                + budget.toPlainString() + " EUR excl. tax.");
    }
}
