package fr.progerance.ops.billing.charges;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The French legal interest rate per semester ("all other cases" column: the creditor is a
 * business), from the bundled data file ({@code ops.billing.charges.legal-rates-file}) and the rates
 * managers entered (kept in the database with who and when).
 */
public interface LegalRates {

    /** A semester's rate in percent per year and where it comes from. */
    record LegalRate(String semester, BigDecimal ratePercent, String source, String enteredBy) {
    }

    /** @param semester {@code YYYY-S1} or {@code YYYY-S2} */
    Optional<LegalRate> find(String semester);

    /**
     * Records a rate a manager entered (the answer to a missing-rate task or API call). Publishes
     * {@link LegalRateEntered} after the commit.
     *
     * @throws fr.progerance.ops.web.InvalidInputException a bad semester, rate (0-100, at most 4 decimals) or empty source
     * @throws fr.progerance.ops.web.ConflictException     the semester already has a rate
     */
    LegalRate enter(String semester, BigDecimal ratePercent, String source, String enteredBy);

    /** Published after a manager's rate is committed: waiting computations may continue. */
    record LegalRateEntered(String semester) {
    }
}
