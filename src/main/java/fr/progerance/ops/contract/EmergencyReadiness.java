package fr.progerance.ops.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * R4.3-t4: whether a contract defines what the provider needs to act on a major incident without
 * asking first: the major-incident procedure, persons authorised to decide, the maximum budget and
 * a contact reachable 24/7. Anything missing means the provider acts only after the client's
 * explicit validation (R4.3-t4) and, if the client is unreachable, only without impact on the
 * infrastructure (R4.3-t5). A plain value: the incident process reads it through
 * {@link ContractService#emergencyReadiness(Long)}.
 *
 * @param ready   nothing is missing
 * @param missing what the contract still lacks, in a fixed order
 */
public record EmergencyReadiness(boolean ready, List<Gap> missing) {

    /** One missing element of R4.3-t4. */
    public enum Gap {
        PROCEDURE("no major-incident procedure is defined"),
        AUTHORISED_CONTACT("no contact may authorise decisions"),
        BUDGET("no maximum budget for emergency interventions is defined"),
        ON_CALL_CONTACT("no ON_CALL contact reachable 24/7");

        private final String description;

        Gap(String description) {
            this.description = description;
        }

        public String rule() {
            return "R4.3-t4";
        }

        public String description() {
            return description;
        }
    }

    public EmergencyReadiness {
        missing = List.copyOf(missing);
    }

    public static EmergencyReadiness assess(Contract contract, Collection<Contact> clientContacts) {
        return assess(contract.getProcedureSteps(), contract.getEmergencyBudgetExclTax(), clientContacts);
    }

    /**
     * @param procedureSteps the procedure's steps (empty or null: no procedure)
     * @param budget         the maximum emergency budget excluding tax (null: not defined; zero is a
     *                       defined budget that allows no spending)
     * @param clientContacts every contact of the contract's client
     */
    public static EmergencyReadiness assess(List<String> procedureSteps, BigDecimal budget,
            Collection<Contact> clientContacts) {
        List<Gap> missing = new ArrayList<>();
        if (procedureSteps == null || procedureSteps.isEmpty()) {
            missing.add(Gap.PROCEDURE);
        }
        if (clientContacts.stream().noneMatch(Contact::isMayAuthorise)) {
            missing.add(Gap.AUTHORISED_CONTACT);
        }
        if (budget == null) {
            missing.add(Gap.BUDGET);
        }
        if (clientContacts.stream().noneMatch(c -> c.getRole() == ContactRole.ON_CALL)) {
            missing.add(Gap.ON_CALL_CONTACT);
        }
        return new EmergencyReadiness(missing.isEmpty(), missing);
    }
}
