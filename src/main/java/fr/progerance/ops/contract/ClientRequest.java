package fr.progerance.ops.contract;

import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/clients} and {@code PUT /api/clients/{id}} (a PUT replaces every field).
 *
 * @param vatNumber optional; spaces, dots and hyphens are ignored; FR numbers must carry the right key
 */
public record ClientRequest(
        @NotBlank @Size(max = 200) @PlainText String companyName,
        @NotNull @Valid Address billingAddress,
        @Size(max = 32) @PlainText String vatNumber) {
}
