package fr.progerance.ops.contract;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.NotFoundException;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clients and their contacts. Every write validates the whole request first (Bean Validation and
 * domain rules together, all problems reported at once) and writes nothing when anything is wrong.
 */
@Service
public class ClientService {

    private final ClientRepository clients;
    private final ContactRepository contacts;
    private final Validator validator;
    private final ContractClock clock;

    public ClientService(ClientRepository clients, ContactRepository contacts, Validator validator,
            ContractClock clock) {
        this.clients = clients;
        this.contacts = contacts;
        this.validator = validator;
        this.clock = clock;
    }

    // ---- clients -------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<ClientView> list() {
        return clients.findAllByOrderByIdAsc().stream().map(ClientView::of).toList();
    }

    @Transactional(readOnly = true)
    public ClientView get(Long id) {
        return ClientView.of(client(id));
    }

    @Transactional
    public ClientView create(ClientRequest request) {
        Client client = new Client(now());
        apply(client, request);
        return ClientView.of(clients.save(client));
    }

    @Transactional
    public ClientView update(Long id, ClientRequest request) {
        Client client = client(id);
        apply(client, request);
        return ClientView.of(client);
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return clients.count() == 0;
    }

    private void apply(Client client, ClientRequest r) {
        Problems p = Problems.validate(validator, r);
        if (r == null) {
            p.throwIfAny();
        }
        Address a = r.billingAddress();
        String country = null;
        if (a != null) {
            country = a.country() == null ? "FR" : a.country().strip().toUpperCase(Locale.ROOT);
            if (!p.has("billingAddress.country")) {
                p.add("billingAddress.country", FieldRules.countryProblem(country));
            }
            String postalCode = Text.clean(a.postalCode());
            if (p.isClean("billingAddress.postalCode", postalCode) && !p.has("billingAddress.country")) {
                p.add("billingAddress.postalCode", FieldRules.postalCodeProblem(postalCode, country));
            }
        }
        String vat = VatNumbers.normalise(Text.clean(r.vatNumber()));
        if (p.isClean("vatNumber", vat)) {
            p.add("vatNumber", VatNumbers.problem(vat));
        }
        if (p.isClean("vatNumber", vat)) {
            clients.findByVatNumber(vat).filter(other -> !Objects.equals(other.getId(), client.getId()))
                    .ifPresent(other -> p.add("vatNumber", "is already the VAT number of client " + other.getId()
                            + " (" + other.getCompanyName() + ")"));
        }
        p.throwIfAny();
        client.update(Text.clean(r.companyName()), new BillingAddress(Text.clean(a.line1()), Text.clean(a.line2()),
                Text.clean(a.postalCode()), Text.clean(a.city()), country), vat, now());
    }

    Client client(Long id) {
        return clients.findById(id).orElseThrow(() -> new NotFoundException("Client", id));
    }

    // ---- contacts ------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<ContactView> contacts(Long clientId) {
        client(clientId);
        return contacts.findByClient_IdOrderByIdAsc(clientId).stream().map(ContactView::of).toList();
    }

    @Transactional(readOnly = true)
    public ContactView contact(Long clientId, Long contactId) {
        return ContactView.of(findContact(clientId, contactId));
    }

    @Transactional
    public ContactView createContact(Long clientId, ContactRequest request) {
        Client client = lockedClient(clientId);
        Contact contact = new Contact(client, now());
        apply(contact, request);
        return ContactView.of(contacts.save(contact));
    }

    @Transactional
    public ContactView updateContact(Long clientId, Long contactId, ContactRequest request) {
        lockedClient(clientId);
        Contact contact = findContact(clientId, contactId);
        apply(contact, request);
        return ContactView.of(contact);
    }

    /** Contacts of one client change one request at a time, so the uniqueness checks below hold. */
    private Client lockedClient(Long clientId) {
        return clients.findForUpdate(clientId).orElseThrow(() -> new NotFoundException("Client", clientId));
    }

    private Contact findContact(Long clientId, Long contactId) {
        client(clientId);
        return contacts.findByIdAndClient_Id(contactId, clientId)
                .orElseThrow(() -> new NotFoundException("Contact", contactId + " of client " + clientId));
    }

    private void apply(Contact contact, ContactRequest r) {
        Problems p = Problems.validate(validator, r);
        if (r == null) {
            p.throwIfAny();
        }
        String email = Text.clean(r.email());
        String phone = Text.clean(r.phone());
        if (p.isClean("email", email)) {
            p.add("email", FieldRules.emailProblem(email));
        }
        if (p.isClean("phone", phone)) {
            p.add("phone", FieldRules.phoneProblem(phone));
        }
        ContactRole role = r.role();
        if (role != null) {
            checkRole(contact, r, role, email, phone, p);
        }
        p.throwIfAny();
        contact.update(Text.clean(r.name()), email, phone, role, r.secondaryOrder(),
                Boolean.TRUE.equals(r.mayAuthorise()), now());
    }

    private void checkRole(Contact contact, ContactRequest r, ContactRole role, String email, String phone,
            Problems p) {
        Integer order = r.secondaryOrder();
        if (role == ContactRole.SECONDARY && order == null && !p.has("secondaryOrder")) {
            p.add("secondaryOrder", "is required for a SECONDARY contact (R4.3-t5: the order they are tried in)");
        }
        if (role != ContactRole.SECONDARY && order != null) {
            p.add("secondaryOrder", "only SECONDARY contacts have an order");
        }
        if (role.needsPhone() && phone == null && !p.has("phone")) {
            p.add("phone", "is required for a " + role + " contact (" + (role == ContactRole.ON_CALL
                    ? "R4.3-t4: reachable 24/7" : "R6.8-a: the hoster's emergency line") + ")");
        }
        if (role.needsEmail() && email == null && !p.has("email")) {
            p.add("email", "is required for a " + role + " contact");
        }
        if (email == null && phone == null && !p.has("email") && !p.has("phone")) {
            p.add("email", "give an email or a phone number");
        }
        List<Contact> others = contacts.findByClient_IdOrderByIdAsc(contact.getClientId()).stream()
                .filter(o -> !Objects.equals(o.getId(), contact.getId())).toList();
        if (role == ContactRole.PRIMARY) {
            others.stream().filter(o -> o.getRole() == ContactRole.PRIMARY).findFirst()
                    .ifPresent(o -> p.add("role", "the client already has a PRIMARY contact: " + o.getName()
                            + " (contact " + o.getId() + "); change that one's role first"));
        }
        if (role == ContactRole.SECONDARY && order != null && !p.has("secondaryOrder")) {
            others.stream().filter(o -> order.equals(o.getSecondaryOrder())).findFirst()
                    .ifPresent(o -> p.add("secondaryOrder", "secondary order " + order + " is already taken by "
                            + o.getName() + " (contact " + o.getId() + ")"));
        }
    }

    /** The database keeps microseconds: the answer shows the same instant a later GET will. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
