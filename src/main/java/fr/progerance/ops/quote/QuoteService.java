package fr.progerance.ops.quote;

import fr.progerance.ops.contract.Client;
import fr.progerance.ops.contract.ClientRepository;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRepository;
import fr.progerance.ops.contract.ContactRole;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.notify.AnswerChannel;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.web.TextRules;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The quote records and their rules (RD-extra, R3.5, R4.0-c, R4.3-t4, DESIGN rule 11), and the
 * {@link Quotes} callers read. Every change joins the caller's transaction (the engine's job or task
 * completion), so a record and the step that wrote it commit together.
 */
@Service
public class QuoteService implements Quotes {

    /** {@code incident:INC-2026-0042}, {@code update:42}: a kind, a colon, a key. */
    static final Pattern SUBJECT = Pattern.compile("[a-z][a-z0-9-]{0,19}:[A-Za-z0-9._:-]{1,99}");
    static final int TITLE_MAX = 200;
    static final int NO_ANSWER_MAX = 500;
    /** decidedBy of an expiry: nobody decided, the validity ended. */
    static final String SYSTEM = "system";

    private final QuoteRepository quotes;
    private final ClientRepository clients;
    private final ServerRepository servers;
    private final ContactRepository contacts;
    private final QuoteNumbers numbers;
    private final QuoteCalendar calendar;

    public QuoteService(QuoteRepository quotes, ClientRepository clients, ServerRepository servers,
            ContactRepository contacts, QuoteNumbers numbers, QuoteCalendar calendar) {
        this.quotes = quotes;
        this.clients = clients;
        this.servers = servers;
        this.contacts = contacts;
        this.numbers = numbers;
        this.calendar = calendar;
    }

    /** What a QuoteApproval caller asks for, checked by {@link #open}. */
    public record Request(String subject, Long clientId, Long serverId, String title, String noAnswer) {
    }

    /** A quote with what its mails and forms need from the register. */
    public record Context(Quote quote, Client client, Server server, Optional<Contact> recipient) {

        public String clientName() {
            return client.getCompanyName();
        }

        public String serverName() {
            return server == null ? null : server.getName();
        }
    }

    /**
     * Task_OpenQuote: the quote of {@code processInstanceId}, opened PREPARING once (a retried job
     * finds it). What the caller passed is checked here, so a bad call is a readable incident.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    @Transactional
    public Quote open(String processInstanceId, String callerProcessInstanceId, Request request) {
        Objects.requireNonNull(processInstanceId, "processInstanceId");
        Optional<Quote> existing = quotes.findByProcessInstanceId(processInstanceId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String subject = request.subject();
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("The quote's subject (" + QuoteApprovalProcess.Vars.SUBJECT
                    + ") must be a kind and a key such as incident:INC-2026-0042 or update:42, got "
                    + fr.progerance.ops.web.Excerpt.quoted(subject));
        }
        if (request.clientId() == null) {
            throw new IllegalArgumentException("The quote needs its client (" + QuoteApprovalProcess.Vars.CLIENT_ID + ")");
        }
        Client client = clients.findById(request.clientId()).orElseThrow(() -> new IllegalArgumentException(
                "No client " + request.clientId() + " (" + QuoteApprovalProcess.Vars.CLIENT_ID + ")"));
        if (request.serverId() != null) {
            Server server = servers.findById(request.serverId()).orElseThrow(() -> new IllegalArgumentException(
                    "No server " + request.serverId() + " (" + QuoteApprovalProcess.Vars.SERVER_ID + ")"));
            if (!Objects.equals(server.getContract().getClientId(), client.getId())) {
                throw new IllegalArgumentException("Server " + server.getName() + " is not a server of client "
                        + client.getCompanyName() + " (" + QuoteApprovalProcess.Vars.SERVER_ID + ")");
            }
        }
        requireLine(QuoteApprovalProcess.Vars.TITLE, request.title(), TITLE_MAX, true);
        requireLine(QuoteApprovalProcess.Vars.NO_ANSWER, request.noAnswer(), NO_ANSWER_MAX, false);
        String noAnswer = request.noAnswer() == null || request.noAnswer().isBlank() ? null : request.noAnswer().strip();
        return quotes.saveAndFlush(new Quote(subject, client.getId(), request.serverId(), request.title().strip(),
                noAnswer, processInstanceId, callerProcessInstanceId, calendar.now()));
    }

    private static void requireLine(String name, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new IllegalArgumentException("The quote needs " + name + " (French text, 1 to " + max
                        + " characters)");
            }
            return;
        }
        if (value.strip().length() > max) {
            throw new IllegalArgumentException(name + " has more than " + max + " characters");
        }
        TextRules.problem(value, false).ifPresent(p -> {
            throw new IllegalArgumentException(name + " " + p);
        });
    }

    /** The quote of a QuoteApproval instance. */
    @Transactional(readOnly = true)
    public Quote ofProcess(String processInstanceId) {
        return quotes.findByProcessInstanceId(processInstanceId).orElseThrow(() -> new NoSuchElementException(
                "No quote record for process instance " + processInstanceId));
    }

    /** The quote of a QuoteApproval instance with its client, server and the contact it goes to. */
    @Transactional(readOnly = true)
    public Context context(String processInstanceId) {
        Quote q = ofProcess(processInstanceId);
        Client client = clients.findById(q.getClientId()).orElseThrow();
        Server server = q.getServerId() == null ? null : servers.findById(q.getServerId()).orElseThrow();
        return new Context(q, client, server, recipient(contacts.findByClient_IdOrderByIdAsc(q.getClientId())));
    }

    /**
     * R4.3-t4: the quote goes to a person authorised to decide for the client, with an address: the
     * primary contact, else the secondary contacts in their order, else the 24/7 contact.
     */
    static Optional<Contact> recipient(List<Contact> contacts) {
        return contacts.stream()
                .filter(c -> c.isMayAuthorise() && c.getEmail() != null && !c.getEmail().isBlank())
                .filter(c -> c.getRole() == ContactRole.PRIMARY || c.getRole() == ContactRole.SECONDARY
                        || c.getRole() == ContactRole.ON_CALL)
                .sorted(Comparator.comparingInt((Contact c) -> switch (c.getRole()) {
                    case PRIMARY -> 0;
                    case SECONDARY -> 1;
                    default -> 2;
                }).thenComparing(c -> c.getSecondaryOrder() == null ? Integer.MAX_VALUE : c.getSecondaryOrder())
                        .thenComparing(Contact::getId))
                .findFirst();
    }

    /**
     * Task_PrepareQuote's completion (DESIGN rule 11): what ops entered, by the logged-in user, and
     * the number for the client, in the completion's transaction.
     */
    @Transactional
    public Quote prepare(String processInstanceId, QuotePreparation p, String by) {
        Quote q = quotes.findForUpdateByProcessInstanceId(processInstanceId).orElseThrow(() ->
                new NoSuchElementException("No quote record for process instance " + processInstanceId));
        q.prepared(numbers.next(calendar.year()), p.description(), p.amountExclTax(), p.windowStart(), p.windowEnd(),
                p.validUntil(), by, calendar.now());
        return q;
    }

    /** Task_SendQuote: the decision link went to {@code recipient}; a retried job finds it done. */
    @Transactional
    public Quote sent(String processInstanceId, ClientDecision decision, String recipient, BigDecimal vatRate) {
        Quote q = quotes.findForUpdateByProcessInstanceId(processInstanceId).orElseThrow();
        if (q.getStatus() == QuoteStatus.SENT && decision.getId().equals(q.getDecisionId())) {
            return q;
        }
        q.sent(decision.getId(), recipient, vatRate, decision.getExpiresAt(), calendar.now());
        return q;
    }

    /** DESIGN rule 12: one more reminder went out. */
    @Transactional
    public Quote reminded(String processInstanceId) {
        Quote q = quotes.findForUpdateByProcessInstanceId(processInstanceId).orElseThrow();
        q.reminded(calendar.now());
        return q;
    }

    /**
     * Task_RecordQuoteOutcome (DESIGN rule 11): the decision record's final state becomes the
     * quote's, with who decided (the contact the personal link was mailed to, or the ops user who
     * logged the phone answer, or {@code system} for an expiry), when and the channel. A decision
     * still open, cancelled or answered otherwise decides nothing.
     *
     * @throws IllegalStateException with a readable message (a Camunda incident)
     */
    @Transactional
    public Quote decide(String processInstanceId, ClientDecision d) {
        Quote q = quotes.findForUpdateByProcessInstanceId(processInstanceId).orElseThrow();
        if (!d.getId().equals(q.getDecisionId())) {
            throw new IllegalStateException("Decision " + d.getId() + " is not the decision of quote " + q.getNumber());
        }
        if (q.getStatus().decided()) {
            return q;
        }
        switch (d.getStatus()) {
            case APPROVED, DECLINED -> {
                QuoteStatus outcome = d.getStatus() == fr.progerance.ops.notify.DecisionStatus.APPROVED
                        ? QuoteStatus.APPROVED : QuoteStatus.DECLINED;
                if (d.getAnswerChannel() == AnswerChannel.LINK) {
                    q.decided(outcome, Quote.Channel.LINK, d.getRecipientEmail(), d.getAnsweredAt());
                } else if (d.getAnswerChannel() == AnswerChannel.PHONE && d.getAnsweredByUser() != null) {
                    q.decided(outcome, Quote.Channel.PHONE, d.getAnsweredByUser(), d.getAnsweredAt());
                } else {
                    throw new IllegalStateException("Quote " + q.getNumber() + ": the answer came by "
                            + d.getAnswerChannel() + ", which a quote does not take (RD-extra: the signed link, or a"
                            + " phone answer logged by ops)");
                }
            }
            case EXPIRED -> q.decided(QuoteStatus.EXPIRED, Quote.Channel.EXPIRY, SYSTEM,
                    d.getClosedAt() != null ? d.getClosedAt() : calendar.now());
            default -> throw new IllegalStateException("Quote " + q.getNumber() + ": its decision " + d.getId() + " is "
                    + d.getStatus() + ", so nothing was decided by the client (RD-extra, R4.0-c): no outcome is recorded");
        }
        return q;
    }

    // --- Quotes ---------------------------------------------------------------------------------

    @Override
    @Transactional(readOnly = true)
    public Optional<QuoteView> find(long quoteId) {
        return quotes.findById(quoteId).map(Quote::view);
    }

    @Override
    @Transactional(readOnly = true)
    public QuoteView decided(long quoteId, String subject) {
        return checkedDecided(quoteId, subject).view();
    }

    @Override
    @Transactional(readOnly = true)
    public QuoteView decided(long quoteId, String subject, String callerProcessInstanceId) {
        Quote q = checkedDecided(quoteId, subject);
        if (!Objects.equals(q.getCallerProcessInstanceId(), callerProcessInstanceId)) {
            throw new IllegalStateException("Quote " + q.getNumber() + " was not asked for by process instance "
                    + callerProcessInstanceId + " (DESIGN rule 11: a quote decides only the work of its caller)");
        }
        return q.view();
    }

    private Quote checkedDecided(long quoteId, String subject) {
        Quote q = quotes.findById(quoteId).orElseThrow(() -> new IllegalStateException("No quote " + quoteId));
        if (!q.getSubject().equals(subject)) {
            throw new IllegalStateException("Quote " + describe(q) + " is for " + q.getSubject() + ", not for "
                    + subject + " (DESIGN rule 11)");
        }
        if (!q.getStatus().decided()) {
            throw new IllegalStateException("Quote " + describe(q) + " is " + q.getStatus() + ": not decided yet");
        }
        Quote newest = quotes.findBySubjectOrderByIdDesc(subject).get(0);
        if (!newest.getId().equals(q.getId())) {
            throw new IllegalStateException("Quote " + describe(q) + " was replaced by quote " + describe(newest)
                    + " of " + subject + ": only the newest quote of a subject decides it (DESIGN rule 11)");
        }
        return q;
    }

    private static String describe(Quote q) {
        return q.getNumber() != null ? q.getNumber() : "#" + q.getId();
    }

    @Override
    @Transactional(readOnly = true)
    public List<QuoteView> ofSubject(String subject) {
        return quotes.findBySubjectOrderByIdDesc(subject).stream().map(Quote::view).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<QuoteSending> sending(long quoteId) {
        return quotes.findById(quoteId).filter(q -> q.getSentAt() != null).map(q -> new QuoteSending(
                q.getRecipientEmail(), q.getSentAt(), q.getExpiresAt(), q.getVatRate(), q.getRemindersSent(),
                q.getLastRemindedAt()));
    }

    @Override
    @Transactional(readOnly = true)
    public long count(QuoteStatus status) {
        return quotes.countByStatus(status);
    }

}
