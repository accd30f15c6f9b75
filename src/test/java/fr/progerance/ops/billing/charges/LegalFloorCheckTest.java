package fr.progerance.ops.billing.charges;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.billing.BillingSettings;
import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
@DisplayName("R7.5, L441-10: a multiplier under the legal floor is warned about at start-up")
class LegalFloorCheckTest {

    @Test
    @DisplayName("R7.5: the contract's 1.5 is below the floor of 3: a WARN names both and L441-10")
    void contractMultiplierWarned(CapturedOutput output) {
        BillingSettings settings = new BillingSettings();
        assertThat(new LegalFloorCheck(settings).check()).isPresent();
        assertThat(output.getOut()).containsPattern("WARN.*LegalFloorCheck.*R7\\.5: Late-payment interest multiplier 1\\.5 "
                + "is below the legal floor of 3 x the legal rate \\(Code de commerce L441-10\\)");
    }

    @Test
    @DisplayName("R7.5: a multiplier of 3 or more logs nothing")
    void atTheFloorNothing(CapturedOutput output) {
        BillingSettings settings = new BillingSettings();
        settings.getCharges().setInterestMultiplier(new BigDecimal("3.0"));
        assertThat(new LegalFloorCheck(settings).check()).isEmpty();
        assertThat(output.getOut()).doesNotContain("L441-10");
    }
}
