package fr.progerance.ops.contract;

import java.time.Instant;

/** A client as the API shows it. */
public record ClientView(
        Long id,
        String companyName,
        Address billingAddress,
        String vatNumber,
        Instant createdAt,
        Instant updatedAt) {

    static ClientView of(Client c) {
        return new ClientView(c.getId(), c.getCompanyName(), Address.of(c.getBillingAddress()), c.getVatNumber(),
                c.getCreatedAt(), c.getUpdatedAt());
    }
}
