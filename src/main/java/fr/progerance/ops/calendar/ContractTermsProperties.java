package fr.progerance.ops.calendar;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings {@code ops.contract.*} that are about time: the termination notice (R8.3) and the
 * force-majeure length that opens termination (R9). Periods bind from {@code 30d}, {@code 2m} or
 * ISO {@code P30D}. Other {@code ops.contract.*} keys belong to the contract register and are
 * ignored here. {@code new ContractTermsProperties()} is the contract as written.
 */
@ConfigurationProperties("ops.contract")
public class ContractTermsProperties {

    /** R8.3: termination by registered letter at least this long before the current period ends. */
    private Period terminationNotice = Period.ofDays(30);

    /** R9: force majeure lasting beyond this lets either party terminate without indemnity. */
    private Period forceMajeureTerminationAfter = Period.ofMonths(2);

    /**
     * Fails fast on a meaningless setting.
     *
     * @throws IllegalArgumentException naming the setting
     */
    public void validate() {
        if (terminationNotice == null || terminationNotice.isNegative()) {
            throw new IllegalArgumentException("ops.contract.termination-notice must be zero or positive, got "
                    + terminationNotice);
        }
        if (forceMajeureTerminationAfter == null || forceMajeureTerminationAfter.isNegative()
                || forceMajeureTerminationAfter.isZero()) {
            throw new IllegalArgumentException("ops.contract.force-majeure-termination-after must be positive, got "
                    + forceMajeureTerminationAfter);
        }
    }

    public Period getTerminationNotice() {
        return terminationNotice;
    }

    public void setTerminationNotice(Period terminationNotice) {
        this.terminationNotice = terminationNotice;
    }

    public Period getForceMajeureTerminationAfter() {
        return forceMajeureTerminationAfter;
    }

    public void setForceMajeureTerminationAfter(Period forceMajeureTerminationAfter) {
        this.forceMajeureTerminationAfter = forceMajeureTerminationAfter;
    }
}
