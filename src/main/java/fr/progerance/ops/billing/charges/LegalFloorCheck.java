package fr.progerance.ops.billing.charges;

import fr.progerance.ops.billing.BillingSettings;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * R7.5: at start-up, a WARN when {@code ops.billing.charges.interest-multiplier} (1.5 in the
 * contract) is below {@code legal-floor-multiplier} (3, Code de commerce L441-10 between
 * professionals). The software applies the contract's multiplier all the same; the invoice view
 * shows the same warning.
 */
@Component
public class LegalFloorCheck {

    private static final Logger LOG = LoggerFactory.getLogger(LegalFloorCheck.class);

    private final BillingSettings settings;

    public LegalFloorCheck(BillingSettings settings) {
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        check();
    }

    /** The warning, logged when there is one. */
    public Optional<String> check() {
        Optional<String> warning = LegalFloor.warning(settings.getCharges().getInterestMultiplier(),
                settings.getCharges().getLegalFloorMultiplier());
        warning.ifPresent(w -> LOG.warn("R7.5: {} (settings ops.billing.charges.interest-multiplier and legal-floor-multiplier)", w));
        return warning;
    }
}
