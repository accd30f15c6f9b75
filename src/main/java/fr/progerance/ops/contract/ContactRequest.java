package fr.progerance.ops.contract;

import fr.progerance.ops.web.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/clients/{id}/contacts} and {@code PUT .../contacts/{contactId}}.
 *
 * @param secondaryOrder required for SECONDARY contacts (1 is tried first, unique per client), absent otherwise
 * @param mayAuthorise   R4.3-t4: this contact may authorise decisions; false when omitted
 */
public record ContactRequest(
        @NotBlank @Size(max = 200) @PlainText String name,
        @Size(max = 254) @PlainText String email,
        @Size(max = 32) @PlainText String phone,
        @NotNull ContactRole role,
        @Min(1) @Max(99) Integer secondaryOrder,
        Boolean mayAuthorise) {
}
