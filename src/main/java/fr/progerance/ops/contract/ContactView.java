package fr.progerance.ops.contract;

import java.time.Instant;

/** A contact as the API shows it. */
public record ContactView(
        Long id,
        Long clientId,
        String name,
        String email,
        String phone,
        ContactRole role,
        Integer secondaryOrder,
        boolean mayAuthorise,
        Instant createdAt,
        Instant updatedAt) {

    static ContactView of(Contact c) {
        return new ContactView(c.getId(), c.getClientId(), c.getName(), c.getEmail(), c.getPhone(), c.getRole(),
                c.getSecondaryOrder(), c.isMayAuthorise(), c.getCreatedAt(), c.getUpdatedAt());
    }
}
