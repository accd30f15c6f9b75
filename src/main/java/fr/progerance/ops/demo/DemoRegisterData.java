package fr.progerance.ops.demo;

import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.contract.Address;
import fr.progerance.ops.contract.ClientRequest;
import fr.progerance.ops.contract.ClientService;
import fr.progerance.ops.contract.ContactRequest;
import fr.progerance.ops.contract.ContactRole;
import fr.progerance.ops.contract.ContractRequest;
import fr.progerance.ops.contract.ContractService;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.EmergencyAction;
import fr.progerance.ops.contract.EmergencyProcedure;
import fr.progerance.ops.contract.Prerequisite;
import fr.progerance.ops.contract.PrerequisitesUpdate;
import fr.progerance.ops.contract.ServerRequest;
import fr.progerance.ops.contract.ServerService;
import fr.progerance.ops.contract.StatusChange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo contract register (profile {@code demo}): fictional clients on both infrastructure
 * kinds, loaded through the register's services (so every rule applies to it) on the first start,
 * when the register is empty; later starts leave it alone. All of it is written in one transaction:
 * a failure leaves the register empty, to be tried again at the next start.
 *
 * <ul>
 * <li>Maison Lavande (PROGERANCE, level 2, ACTIVE): ordered secondary contacts, a 24/7 ON_CALL contact,
 * a billing contact, a major-incident procedure with a budget: ready for R4.3-t4.</li>
 * <li>Atelier Cévenol (TIERCE, level 1): an ACTIVE contract whose server's onboarding checklist is
 * complete (R3.4, R6.8-a), a hoster emergency contact, and a DRAFT contract for a new server whose
 * checklist is only partly checked, so its activation is refused (its preproduction shop is behind
 * basic authentication: its shop check expects HTTP 401).</li>
 * <li>Librairie des Quais (PROGERANCE, level 1, ACTIVE): no emergency procedure nor budget, to show
 * what R4.3-t4 readiness reports as missing.</li>
 * </ul>
 * The two production shops of Maison Lavande and Atelier Cévenol are checked for their name on the
 * page, not only for HTTP 200 (issue 6). Host names are under {@code example.net} (RFC 2606): nothing real is ever contacted.
 */
@Component
@Profile("demo")
public class DemoRegisterData implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRegisterData.class);
    private static final String CHECKED_BY = "demo";

    private final ClientService clients;
    private final ContractService contracts;
    private final ServerService servers;
    private final TransactionTemplate transaction;

    public DemoRegisterData(ClientService clients, ContractService contracts, ServerService servers,
            TransactionTemplate transaction) {
        this.clients = clients;
        this.contracts = contracts;
        this.servers = servers;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!clients.isEmpty()) {
            LOG.info("Contract register not empty: demo register data left as it is");
            return;
        }
        try {
            transaction.executeWithoutResult(status -> load());
            LOG.info("Demo contract register loaded: 3 clients, 4 contracts, 4 servers");
        } catch (DataIntegrityViolationException e) {
            // Another node of a cluster loaded it at the same moment: its copy stands.
            LOG.warn("Demo contract register not loaded, another node did it first: {}", e.getMessage());
        }
    }

    /** Loads the demo register; call it inside a transaction on an empty register. */
    public void load() {
        loadMaisonLavande();
        loadAtelierCevenol();
        loadLibrairieDesQuais();
    }

    private void loadMaisonLavande() {
        long client = clients.create(new ClientRequest("Maison Lavande SARL",
                new Address("14 rue de la République", "Bâtiment B", "69002", "Lyon", "FR"), "FR13812345674")).id();
        contact(client, "Claire Martin", "claire.martin@maison-lavande.example.net", "+33 4 72 00 11 22",
                ContactRole.PRIMARY, null, true);
        contact(client, "Julien Petit", "julien.petit@maison-lavande.example.net", "+33 6 11 22 33 44",
                ContactRole.SECONDARY, 1, true);
        contact(client, "Sophie Bernard", "sophie.bernard@maison-lavande.example.net", "+33 6 55 66 77 88",
                ContactRole.SECONDARY, 2, false);
        contact(client, "Astreinte Maison Lavande", "astreinte@maison-lavande.example.net", "+33 6 99 88 77 66",
                ContactRole.ON_CALL, null, true);
        contact(client, "Service comptabilité", "compta@maison-lavande.example.net", null,
                ContactRole.BILLING, null, false);

        long contract = contracts.create(new ContractRequest(client, "PG-2025-0001", 2, new BigDecimal("690.00"),
                LocalDate.of(2025, 3, 1), 12, true, 150,
                new EmergencyProcedure(List.of(
                        "Call the ON_CALL contact, then the secondary contacts in order (R4.3-t5)",
                        "Restart the failing services (web server, PHP-FPM, MariaDB)",
                        "If the server does not answer, reboot it",
                        "If data is damaged, restore the last good backup and report which point was used (R3.6-e)"),
                        Set.of(EmergencyAction.RESTART_SERVICE, EmergencyAction.REBOOT_SERVER,
                                EmergencyAction.RESTORE_BACKUP)),
                new BigDecimal("1500.00"), false)).id();
        servers.create(new ServerRequest(contract, "lavande-web1", "shop1.example.net", 22, "ops",
                "SHA256:As0xQDKtRrMeC1hbq1TRGmSByFsMROsff1LeXR949Mk", Infrastructure.PROGERANCE, null,
                "https://shop1.example.net/", "/var/www/prestashop", "prestashop_lavande", null, "Maison Lavande",
                null));
        contracts.changeStatus(contract, new StatusChange(ContractStatus.ACTIVE));
    }

    private void loadAtelierCevenol() {
        long client = clients.create(new ClientRequest("Atelier Cévenol SAS",
                new Address("3 place de la Comédie", null, "34000", "Montpellier", "FR"), "FR19834567891")).id();
        contact(client, "Thomas Roux", "thomas.roux@atelier-cevenol.example.net", "+33 4 67 10 20 30",
                ContactRole.PRIMARY, null, true);
        contact(client, "Léa Fontaine", "lea.fontaine@atelier-cevenol.example.net", "+33 6 12 13 14 15",
                ContactRole.SECONDARY, 1, false);
        contact(client, "Support urgence HébergeurSud", "urgence@hebergeursud.example.net", "+33 4 67 99 00 00",
                ContactRole.HOSTER_EMERGENCY, null, false);
        contact(client, "Comptabilité Atelier Cévenol", "factures@atelier-cevenol.example.net", null,
                ContactRole.BILLING, null, false);

        long active = contracts.create(new ContractRequest(client, "PG-2025-0002", 1, new BigDecimal("390.00"),
                LocalDate.of(2025, 6, 15), 24, true, null,
                new EmergencyProcedure(List.of(
                        "Call the primary contact, then the secondary contact",
                        "Ask HébergeurSud's emergency line to check hardware and network (R3.5)",
                        "Restart the failing services"),
                        Set.of(EmergencyAction.RESTART_SERVICE)),
                new BigDecimal("800.00"), true)).id();
        long prod = servers.create(new ServerRequest(active, "cevenol-prod", "shop2.example.net", 2222, "admin",
                "SHA256:Z4bSjMF26/ILqA2f2F5Gici1nBU5O8ZG+injnNeLKzc", Infrastructure.TIERCE, "HébergeurSud",
                "https://shop2.example.net/", "/srv/www/boutique", "boutique", null, "Atelier Cévenol", null)).id();
        check(prod, Arrays.asList(Prerequisite.values()));
        contracts.changeStatus(active, new StatusChange(ContractStatus.ACTIVE));

        long draft = contracts.create(new ContractRequest(client, "PG-2026-0003", 1, new BigDecimal("250.00"),
                LocalDate.of(2027, 1, 1), 12, true, null, null, null, false)).id();
        long preprod = servers.create(new ServerRequest(draft, "cevenol-preprod", "preprod.shop2.example.net", null,
                "admin", "SHA256:5y5IuwOdPxOVvu4UYS71GFrgC99mbjf7XZLsbLOwCtI", Infrastructure.TIERCE,
                "HébergeurSud", "https://preprod.shop2.example.net/", "/srv/www/preprod", "boutique_preprod", 401, null,
                null))
                .id();
        check(preprod, List.of(Prerequisite.ROOT_ACCESS, Prerequisite.SECURED_SSH_ACCESS, Prerequisite.COMPATIBLE_OS,
                Prerequisite.HOSTER_EMERGENCY_CONTACTS));
    }

    private void loadLibrairieDesQuais() {
        long client = clients.create(new ClientRequest("Librairie des Quais EURL",
                new Address("27 quai des Chartrons", null, "33000", "Bordeaux", "FR"), "FR04790123456")).id();
        contact(client, "Hélène Garnier", "helene@librairie-des-quais.example.net", "+33 5 56 00 12 34",
                ContactRole.PRIMARY, null, false);
        long contract = contracts.create(new ContractRequest(client, "PG-2025-0004", 1, new BigDecimal("149.90"),
                LocalDate.of(2025, 9, 1), 12, true, 50, null, null, false)).id();
        servers.create(new ServerRequest(contract, "quais-web1", "shop3.example.net", null, "ops",
                "SHA256:3dlove4olY0fxQfY+1IwtfXZFmI/PJGSRYFTC3yjjTE", Infrastructure.PROGERANCE, null,
                "https://shop3.example.net/", "/var/www/librairie", "librairie", null, null, null));
        contracts.changeStatus(contract, new StatusChange(ContractStatus.ACTIVE));
    }

    private void contact(long client, String name, String email, String phone, ContactRole role,
            Integer secondaryOrder, boolean mayAuthorise) {
        clients.createContact(client, new ContactRequest(name, email, phone, role, secondaryOrder, mayAuthorise));
    }

    private void check(long server, List<Prerequisite> items) {
        servers.updatePrerequisites(server, new PrerequisitesUpdate(items.stream()
                .map(item -> new PrerequisitesUpdate.Item(item, true, "Checked during the demo onboarding"))
                .toList()), CHECKED_BY);
    }
}
