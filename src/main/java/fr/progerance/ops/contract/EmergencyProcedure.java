package fr.progerance.ops.contract;

import fr.progerance.ops.web.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;

/**
 * R4.3-t4: the major-incident procedure of a contract.
 *
 * @param steps          what to do, in order; empty when no procedure was agreed
 * @param allowedActions what the provider may do under it when the client is unreachable (R4.3-t5)
 */
public record EmergencyProcedure(
        @Size(max = 50) List<@NotBlank @Size(max = 1000) @PlainText String> steps,
        Set<@NotNull EmergencyAction> allowedActions) {
}
