package fr.progerance.ops.contract;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** Register entities in memory for other packages' plain unit tests (incident rules...). */
public final class RegisterTestData {

    private RegisterTestData() {
    }

    public static Client client() {
        return Fixtures.client();
    }

    public static Contact contact(Client client, String name, ContactRole role, Integer secondaryOrder,
            boolean mayAuthorise) {
        Contact c = new Contact(client, Fixtures.NOW);
        c.update(name, name.toLowerCase().replace(' ', '.') + "@example.fr", "+33 6 12 34 56 78", role,
                secondaryOrder, mayAuthorise, Fixtures.NOW);
        return c;
    }

    public static Contract contract(Client client, List<String> steps, Set<EmergencyAction> allowed,
            BigDecimal budget) {
        Contract c = new Contract(client, Fixtures.NOW);
        c.update("PG-TEST-2", 2, new BigDecimal("490.00"), java.time.LocalDate.of(2026, 1, 1), 12, true, 100, steps,
                allowed, budget, false, Fixtures.NOW);
        return c;
    }
}
