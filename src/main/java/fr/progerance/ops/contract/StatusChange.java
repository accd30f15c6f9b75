package fr.progerance.ops.contract;

import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /api/contracts/{id}/status}. */
public record StatusChange(@NotNull ContractStatus status) {
}
