package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.billing.InvoiceDocuments;
import fr.progerance.ops.billing.ledger.ClientStanding;
import fr.progerance.ops.billing.ledger.Invoice;
import fr.progerance.ops.billing.ledger.InvoiceStanding;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Client;
import fr.progerance.ops.contract.ClientRepository;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRepository;
import fr.progerance.ops.contract.ContactRole;
import fr.progerance.ops.notify.Mailer;
import fr.progerance.ops.notify.OutgoingMail;
import fr.progerance.ops.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The dunning's mails, French first (templates {@code templates/notify/mail/dunning-*}): no
 * sentence a client reads is written in Java. They go to the client's BILLING contacts (R7.2),
 * else its PRIMARY contact, and name the invoice, the amounts and the dates in French. Each has an
 * idempotency key made of the invoice (or contest) and its purpose, so a retried job never mails
 * twice; the balance mails are keyed by the balance itself, so a client hears of each new balance
 * once, however often the process looks.
 */
@Component
public class DunningMails {

    private final Mailer mailer;
    private final InvoiceDocuments documents;
    private final ClientRepository clients;
    private final ContactRepository contacts;
    private final BillingSettings settings;
    private final ContractClock clock;

    public DunningMails(Mailer mailer, InvoiceDocuments documents, ClientRepository clients,
            ContactRepository contacts, BillingSettings settings, ContractClock clock) {
        this.mailer = mailer;
        this.documents = documents;
        this.clients = clients;
        this.contacts = contacts;
        this.settings = settings;
        this.clock = clock;
    }

    /** R7.2: the invoice itself, as the client reads it, with its due date. */
    public void invoice(Invoice invoice, Instant suspendAt) {
        Map<String, Object> model = base(invoice.getClientId(), invoice.getNumber());
        model.put("issuedOn", FrenchFormats.date(invoice.getIssuedOn()));
        model.put("dueOn", FrenchFormats.date(invoice.getDueOn()));
        model.put("total", FrenchFormats.euros(invoice.getTotalInclTax()));
        model.put("suspendAt", dateTime(suspendAt));
        model.put("invoiceText", documents.frenchText(invoice.getNumber()));
        send(invoice.getClientId(), key(invoice.getNumber(), "invoice"), "dunning-invoice", model);
    }

    /** The reminder before the due date. */
    public void reminder(InvoiceStanding invoice, Instant suspendAt) {
        Map<String, Object> model = invoiceModel(invoice, suspendAt);
        send(invoice.clientId(), key(invoice.number(), "reminder"), "dunning-reminder", model);
    }

    /** A partial payment before the due date: what is left (once per amount paid). */
    public void partialPayment(InvoiceStanding invoice, Instant suspendAt) {
        Map<String, Object> model = invoiceModel(invoice, suspendAt);
        send(invoice.clientId(), key(invoice.number(), "partial:" + invoice.paid().toPlainString()),
                "dunning-partial-payment", model);
    }

    /**
     * R7.3, R7.5: the suspension, with every sum due (all open invoices, interest and fees). Keyed
     * like {@link #balance}: the balance it states is the one the client knows.
     */
    public void suspension(String invoiceNumber, ClientStanding standing, Instant suspendedAt, Instant deletionDueAt) {
        Map<String, Object> model = standingModel(invoiceNumber, standing, deletionDueAt);
        model.put("suspendedAt", dateTime(suspendedAt));
        send(standing.clientId(), balanceKey(invoiceNumber, standing), "dunning-suspension", model);
    }

    /** R8.2: while suspended, after a payment that does not settle everything: the balance, once per balance. */
    public void balance(String invoiceNumber, ClientStanding standing, Instant deletionDueAt) {
        send(standing.clientId(), balanceKey(invoiceNumber, standing), "dunning-balance",
                standingModel(invoiceNumber, standing, deletionDueAt));
    }

    /** R8.2: the notice before the deletion. */
    public void deletionNotice(String invoiceNumber, ClientStanding standing, Instant deletionDueAt) {
        send(standing.clientId(), key(invoiceNumber, "deletion-notice"), "dunning-deletion-notice",
                standingModel(invoiceNumber, standing, deletionDueAt));
    }

    /** R8.2: everything was paid; the services run again. */
    public void reactivated(String invoiceNumber, long clientId) {
        Map<String, Object> model = base(clientId, invoiceNumber);
        model.put("reactivatedAt", dateTime(clock.instant()));
        send(clientId, key(invoiceNumber, "reactivated"), "dunning-reactivated", model);
    }

    /** R8.2: the data was deleted. */
    public void deleted(String invoiceNumber, long clientId, List<String> steps) {
        Map<String, Object> model = base(clientId, invoiceNumber);
        model.put("deletedAt", dateTime(clock.instant()));
        model.put("steps", steps);
        send(clientId, key(invoiceNumber, "deleted"), "dunning-deleted", model);
    }

    /** R7.6: an accepted contest is being examined. */
    public void contestReceived(InvoiceContest contest, java.util.Date decisionDue) {
        Map<String, Object> model = contestModel(contest);
        model.put("decisionDue", decisionDue == null ? null : FrenchFormats.date(clock.atZone(decisionDue.toInstant())
                .toLocalDate()));
        send(contest.getClientId(), "contest:" + contest.getId() + ":received", "dunning-contest-received", model);
    }

    /** R7.6: a contest out of time (or otherwise refused), with the reason. */
    public void contestRefused(InvoiceContest contest) {
        Map<String, Object> model = contestModel(contest);
        model.put("refusal", contest.getFrenchRefusal());
        send(contest.getClientId(), "contest:" + contest.getId() + ":refused", "dunning-contest-refused", model);
    }

    /** R7.6: the managers' decision: a credit note, or the contest rejected. */
    public void contestDecided(InvoiceContest contest) {
        Map<String, Object> model = contestModel(contest);
        model.put("creditNote", contest.getDecision() == ContestDecision.CREDIT_NOTE);
        model.put("amount", FrenchFormats.euros(contest.getCreditNoteAmount()));
        model.put("note", contest.getDecisionNote());
        send(contest.getClientId(), "contest:" + contest.getId() + ":decided", "dunning-contest-decided", model);
    }

    /** Internal: ops are told what the final backup step could not do (R8.2). */
    public void finalBackupProblems(String invoiceNumber, long clientId, List<FinalBackups.Held> held) {
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add("Suspension of client " + clientName(clientId) + " (id " + clientId + ") for invoice "
                + invoiceNumber + " (R7.3): the final backup (R8.2) is not complete.");
        for (FinalBackups.Held h : held) {
            if (h.problem() != null) {
                paragraphs.add("Server " + h.serverName() + " (id " + h.serverId() + "), " + h.kind() + ": "
                        + h.problem() + (h.snapshotId() == null ? "" : " (snapshot " + h.snapshotId() + ")") + ".");
            }
        }
        paragraphs.add("The suspension goes on (R7.3 is immediate). Check the Backup instances of this dunning in"
                + " Cockpit and hold a good snapshot by hand if needed (POST /api/backups/holds).");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", "[billing] Final backup incomplete: invoice " + invoiceNumber);
        model.put("paragraphs", paragraphs);
        mailer.send(OutgoingMail.french(key(invoiceNumber, "final-backup-problems"), List.of(settings.getOpsAddress()),
                "plain-notice", model));
    }

    /**
     * The client's balance as a key part: while principal is due, payments reduce it (interest
     * grows every day, so it is left out); once the principal is paid, what is left of the charges.
     */
    static String balanceState(ClientStanding standing) {
        return standing.principalDue().signum() > 0 ? "P" + standing.principalDue().toPlainString()
                : "C" + standing.chargesDue().toPlainString();
    }

    private static String balanceKey(String invoiceNumber, ClientStanding standing) {
        return key(invoiceNumber, "balance:" + balanceState(standing));
    }

    private static String key(String invoiceNumber, String purpose) {
        return "dunning:" + invoiceNumber + ":" + purpose;
    }

    private Map<String, Object> invoiceModel(InvoiceStanding invoice, Instant suspendAt) {
        Map<String, Object> model = base(invoice.clientId(), invoice.number());
        model.put("issuedOn", FrenchFormats.date(invoice.issuedOn()));
        model.put("dueOn", FrenchFormats.date(invoice.dueOn()));
        model.put("total", FrenchFormats.euros(invoice.totalInclTax()));
        model.put("paid", FrenchFormats.euros(invoice.paid()));
        model.put("principalDue", FrenchFormats.euros(invoice.principalDue()));
        model.put("suspendAt", dateTime(suspendAt));
        return model;
    }

    private Map<String, Object> standingModel(String invoiceNumber, ClientStanding standing, Instant deletionDueAt) {
        Map<String, Object> model = base(standing.clientId(), invoiceNumber);
        List<String> lines = new ArrayList<>();
        for (InvoiceStanding i : standing.open()) {
            lines.add(line(i));
        }
        model.put("lines", lines);
        model.put("principalDue", FrenchFormats.euros(standing.principalDue()));
        model.put("chargesDue", FrenchFormats.euros(standing.chargesDue()));
        model.put("totalDue", FrenchFormats.euros(standing.totalDue()));
        model.put("deletionDueAt", dateTime(deletionDueAt));
        model.put("recoveryFee", FrenchFormats.euros(settings.getCharges().getRecoveryFee()));
        model.put("multiplier", settings.getCharges().getInterestMultiplier().stripTrailingZeros().toPlainString()
                .replace('.', ','));
        return model;
    }

    /** One open invoice in French: what is left of it, its days late, interest and fee (R7.5). */
    static String line(InvoiceStanding i) {
        StringBuilder line = new StringBuilder("Facture " + i.number() + " du " + FrenchFormats.date(i.issuedOn())
                + " (échéance le " + FrenchFormats.date(i.dueOn()) + ") : " + FrenchFormats.euros(i.principalDue())
                + " restant dû sur la facture");
        if (i.charges().daysLate() > 0) {
            line.append(" ; ").append(i.charges().daysLate()).append(" jour(s) de retard : intérêts de retard ")
                    .append(FrenchFormats.euros(i.charges().interest())).append(", indemnité forfaitaire pour frais de"
                            + " recouvrement ").append(FrenchFormats.euros(i.charges().recoveryFee()));
            BigDecimal chargesPaid = i.charges().total().subtract(i.totalDue().subtract(i.principalDue()));
            if (chargesPaid.signum() > 0) {
                line.append(" (dont ").append(FrenchFormats.euros(chargesPaid)).append(" déjà réglés)");
            }
        }
        return line.toString();
    }

    private Map<String, Object> contestModel(InvoiceContest contest) {
        Map<String, Object> model = base(contest.getClientId(), contest.getInvoiceNumber());
        model.put("letterDate", FrenchFormats.date(contest.getLetterDate()));
        model.put("issuedOn", FrenchFormats.date(contest.getInvoiceIssuedOn()));
        return model;
    }

    private Map<String, Object> base(long clientId, String invoiceNumber) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("invoiceNumber", invoiceNumber);
        model.put("clientName", clientName(clientId));
        return model;
    }

    private String clientName(long clientId) {
        return clients.findById(clientId).map(Client::getCompanyName).orElseThrow(
                () -> new NotFoundException("Client", clientId));
    }

    private String dateTime(Instant at) {
        return at == null ? null : FrenchFormats.dateTime(clock.atZone(at));
    }

    private void send(long clientId, String key, String template, Map<String, Object> model) {
        List<Contact> all = contacts.findByClient_IdOrderByIdAsc(clientId);
        List<Contact> billing = all.stream().filter(c -> c.getRole() == ContactRole.BILLING && c.getEmail() != null)
                .toList();
        List<Contact> to = billing.isEmpty() ? all.stream().filter(c -> c.getRole() == ContactRole.PRIMARY
                && c.getEmail() != null).toList() : billing;
        if (to.isEmpty()) {
            throw new IllegalStateException("Client " + clientId + " has no BILLING or PRIMARY contact with an email"
                    + " address: mail '" + template + "' cannot be sent; add one in the register, then retry");
        }
        model.put("recipientName", to.size() == 1 ? to.get(0).getName() : null);
        mailer.send(OutgoingMail.french(key, to.stream().map(Contact::getEmail).distinct().toList(), template, model));
    }
}
