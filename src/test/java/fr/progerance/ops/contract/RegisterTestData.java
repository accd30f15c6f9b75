package fr.progerance.ops.contract;

import fr.progerance.ops.calendar.Infrastructure;
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

    /** A PROGERANCE server whose shop is at {@code url}, with its own shop check settings (issue 6; nulls: none). */
    public static Server server(String url, Integer shopExpectedStatus, String shopKeyword) {
        Server s = Fixtures.server(Fixtures.contract(client(), List.of(), null, null),
                Infrastructure.PROGERANCE, "shop");
        s.update(s.getName(), s.getAddress(), s.getSshPort(), s.getSshUser(), s.getHostKeyFingerprint(),
                s.getInfrastructure(), s.getHosterName(), url, s.getInstallPath(), s.getDatabaseName(), Fixtures.NOW);
        s.updateShopCheck(shopExpectedStatus, shopKeyword, Fixtures.NOW);
        return s;
    }

    public static Contract contract(Client client, List<String> steps, Set<EmergencyAction> allowed,
            BigDecimal budget) {
        Contract c = new Contract(client, Fixtures.NOW);
        c.update("PG-TEST-2", 2, new BigDecimal("490.00"), java.time.LocalDate.of(2026, 1, 1), 12, true, 100, steps,
                allowed, budget, false, Fixtures.NOW);
        return c;
    }
}
