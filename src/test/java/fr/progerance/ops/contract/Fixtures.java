package fr.progerance.ops.contract;

import fr.progerance.ops.calendar.Infrastructure;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Register entities built in memory, for the plain unit tests of the rules. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private Fixtures() {
    }

    static Client client() {
        Client c = new Client(NOW);
        c.update("Boutique Exemple SAS", new BillingAddress("1 rue de la Paix", null, "75002", "Paris", "FR"),
                null, NOW);
        return c;
    }

    static Contact contact(Client client, ContactRole role, boolean mayAuthorise) {
        Contact c = new Contact(client, NOW);
        c.update("Someone " + role, "someone@example.fr", "+33 6 12 34 56 78", role,
                role == ContactRole.SECONDARY ? 1 : null, mayAuthorise, NOW);
        return c;
    }

    static Contract contract(Client client, List<String> steps, BigDecimal budget, Integer quota) {
        Contract c = new Contract(client, NOW);
        c.update("PG-TEST-1", 1, new BigDecimal("290.00"), LocalDate.of(2026, 1, 1), 12, true, quota, steps,
                Set.of(), budget, false, NOW);
        return c;
    }

    static Server server(Contract contract, Infrastructure kind, String name) {
        Server s = new Server(contract, NOW);
        s.update(name, name + ".example.net", 22, "root", "SHA256:wCaPWU2z/Ojowy76wdXINnbShxM8kt3oP5DG5jhYqQY", kind,
                kind == Infrastructure.TIERCE ? "OVHcloud" : null, "https://" + name + ".example.net/",
                "/var/www/shop", "prestashop", NOW);
        return s;
    }
}
