package fr.progerance.ops.notify;

import fr.progerance.ops.notify.Outcome.Result;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Questions put to clients and their answers (R4.3-t3: an intervention that needs the client's
 * decision needs its prior written validation; R4.3-t4: without the contract's emergency data the
 * provider acts only after explicit validation; also RD-extra/R4.0-c quotes and R3.6-d restores).
 *
 * <p>A process {@linkplain #request asks} (a PENDING record and a signed link), mails the link with
 * the {@code decision-request} template ({@link #mailModel}), then waits on a message catch event
 * or receive task for {@link ClientDecision#getMessageName()}. The client {@linkplain #answer
 * answers} on the page, or ops {@linkplain #recordPhoneAnswer record} a phoned answer (or, from their
 * task, a {@linkplain #recordWrittenAnswer written} one); either way
 * the status change and the message correlation commit together or not at all. When the process
 * moves on without the answer it {@linkplain #cancel cancels} or {@linkplain #expire expires} the
 * decision; later answers are refused.
 *
 * <p>Process modelling notes: the message sets the variables {@value #VAR_DECISION_ID},
 * {@value #VAR_APPROVED} (boolean) and {@value #VAR_CHANNEL} ({@code LINK} or {@code PHONE});
 * a {@linkplain #recordWrittenAnswer written answer} is recorded by an ops task and correlates nothing;
 * put {@code asyncAfter} on the catch event (or {@code asyncBefore} on the next task) so that the
 * client's request only commits the answer and never runs the following work, whose failure would
 * otherwise refuse the client's answer.
 */
public class ClientDecisions {

    private static final Logger LOG = LoggerFactory.getLogger(ClientDecisions.class);

    /** Process variable: the answered decision's id. */
    public static final String VAR_DECISION_ID = "decisionId";
    /** Process variable: true when the client approved, false when it declined. */
    public static final String VAR_APPROVED = "decisionApproved";
    /** Process variable: {@link AnswerChannel} name of the answer. */
    public static final String VAR_CHANNEL = "decisionChannel";

    private static final DateTimeFormatter FRENCH_DATE_TIME =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);

    private final ClientDecisionRepository decisions;
    private final SignedLinks links;
    private final DecisionCorrelator correlator;
    private final MailSettings mailSettings;
    private final LinkSettings linkSettings;
    private final Clock clock;
    private final TransactionTemplate newTransaction;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;

    ClientDecisions(ClientDecisionRepository decisions, SignedLinks links, DecisionCorrelator correlator,
            MailSettings mailSettings, LinkSettings linkSettings, Clock clock, PlatformTransactionManager tm) {
        this.decisions = decisions;
        this.links = links;
        this.correlator = correlator;
        this.mailSettings = mailSettings;
        this.linkSettings = linkSettings;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(tm);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.transaction = new TransactionTemplate(tm);
        this.readOnly = new TransactionTemplate(tm);
        this.readOnly.setReadOnly(true);
        Duration validity = linkSettings.getValidity();
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalStateException("ops.links.validity must be a positive duration");
        }
    }

    /**
     * Creates the PENDING decision, or returns the one already created for
     * {@link DecisionRequest#requestKey()} (whatever its status: a job retry gets the same
     * decision, hence the same link). Commits in its own transaction, so the decision survives a
     * failure of the calling job after its link was mailed. Get the URLs with {@link #links}.
     *
     * <p>Called from a job, that transaction takes a second pooled connection while the job holds
     * its own; it stays short (a lookup and an insert, nothing remote may run in it), and the pool
     * budget counts one such connection per job thread ({@code spring.datasource.hikari.maximum-pool-size}
     * in application.yaml, checked at start).
     *
     * @throws IllegalArgumentException when the key was used for another process instance or message
     */
    public ClientDecision request(DecisionRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return newTransaction.execute(status -> decisions.findByRequestKey(request.requestKey())
                    .map(existing -> same(existing, request))
                    .orElseGet(() -> create(request)));
        } catch (DataIntegrityViolationException e) {
            // Created concurrently under the same key: use that one.
            return newTransaction.execute(status -> decisions.findByRequestKey(request.requestKey()))
                    .map(existing -> same(existing, request))
                    .orElseThrow(() -> e);
        }
    }

    private ClientDecision create(DecisionRequest request) {
        Instant now = clock.instant();
        Duration validity = request.validity() != null ? request.validity() : linkSettings.getValidity();
        // Second precision: the token carries epoch seconds.
        Instant expiresAt = now.plus(validity).truncatedTo(ChronoUnit.SECONDS);
        ClientDecision decision = decisions.saveAndFlush(
                new ClientDecision(UUID.randomUUID().toString(), request, now, expiresAt));
        LOG.info("Client decision {} ({}) requested for process instance {}, open until {}", decision.getId(),
                decision.getPurpose(), decision.getProcessInstanceId(), expiresAt);
        return decision;
    }

    private static ClientDecision same(ClientDecision existing, DecisionRequest request) {
        if (!existing.getProcessInstanceId().equals(request.processInstanceId())
                || !existing.getMessageName().equals(request.messageName())) {
            throw new IllegalArgumentException("Request key '" + request.requestKey()
                    + "' was already used for another process instance or message");
        }
        return existing;
    }

    /** The decision of that id. */
    public Optional<ClientDecision> find(String decisionId) {
        return readOnly.execute(status -> decisions.findById(decisionId));
    }

    /** The client's URLs for {@code decision}: {@code {ops.mail.base-url}/decisions/{token}}. */
    public DecisionLinks links(ClientDecision decision) {
        String page = mailSettings.baseUrlWithoutSlash() + "/decisions/"
                + URLEncoder.encode(links.token(decision.getId(), decision.getExpiresAt()), StandardCharsets.UTF_8);
        return new DecisionLinks(page, page + "?answer=" + Answer.APPROVE, page + "?answer=" + Answer.DECLINE);
    }

    /**
     * The part of the {@code decision-request} mail model this service knows: {@code question},
     * {@code details} (list of paragraphs, may be empty), {@code pageUrl}, {@code approveUrl},
     * {@code declineUrl}, {@code expiresAt} (French text, e.g. "lundi 6 avril 2026 à 14h30").
     * The caller adds {@code noAnswer} (required) and optionally {@code recipientName},
     * {@code contextLines} and {@code reference}.
     */
    public Map<String, Object> mailModel(ClientDecision decision) {
        DecisionLinks urls = links(decision);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("question", decision.getQuestion());
        model.put("details", paragraphs(decision.getDetails()));
        model.put("pageUrl", urls.page());
        model.put("approveUrl", urls.approve());
        model.put("declineUrl", urls.decline());
        model.put("expiresAt", frenchDateTime(decision.getExpiresAt()));
        return model;
    }

    /** {@code instant} as French text in the clock's zone (the contract's, Europe/Paris). */
    public String frenchDateTime(Instant instant) {
        return FRENCH_DATE_TIME.format(instant.atZone(clock.getZone()));
    }

    /** Splits text into non-blank paragraphs at line breaks. */
    static List<String> paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * What the page shows for {@code token}, without changing anything. A PENDING decision whose
     * process no longer waits for the answer is reported {@link Result#NO_LONGER_OPEN}.
     */
    public Outcome lookup(String token) {
        SignedLinks.Verification v = links.verify(token);
        if (v.check() == SignedLinks.Check.INVALID) {
            return Outcome.of(Result.INVALID_LINK);
        }
        return readOnly.execute(status -> {
            Optional<ClientDecision> found = decisions.findById(v.decisionId());
            if (found.isEmpty()) {
                return Outcome.of(Result.UNKNOWN);
            }
            ClientDecision d = found.get();
            Result closed = closedResult(d, v);
            if (closed == Result.INVALID_LINK) {
                return Outcome.of(closed);
            }
            if (closed != null) {
                return new Outcome(closed, d);
            }
            return correlator.waiting(d) ? new Outcome(Result.OPEN, d) : new Outcome(Result.NO_LONGER_OPEN, d);
        });
    }

    /**
     * The client's answer through the signed link: checks the token (signature, expiry), that the
     * decision is PENDING, records the answer with the pseudonym of {@code remoteAddr} and
     * correlates it, all in one transaction. Refusals change nothing.
     */
    public Outcome answer(String token, Answer answer, String remoteAddr) {
        Objects.requireNonNull(answer, "answer");
        SignedLinks.Verification v = links.verify(token);
        if (v.check() == SignedLinks.Check.INVALID) {
            LOG.info("Refused a decision answer: invalid link");
            return Outcome.of(Result.INVALID_LINK);
        }
        String ip = remoteAddr == null || remoteAddr.isBlank() ? null : links.pseudonym(remoteAddr.strip());
        return decide(v.decisionId(), v, answer, AnswerChannel.LINK, ip, null);
    }

    /**
     * An answer the client gave by phone, recorded by {@code opsUser}: same checks (but no link, so
     * no link expiry: while the decision is PENDING and the process waits, ops may record it) and
     * same correlation as {@link #answer}.
     *
     * @throws IllegalArgumentException when no decision has that id
     */
    public Outcome recordPhoneAnswer(String decisionId, Answer answer, String opsUser) {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(answer, "answer");
        if (opsUser == null || opsUser.isBlank() || opsUser.length() > 100) {
            throw new IllegalArgumentException("opsUser must have 1 to 100 characters");
        }
        Outcome outcome = decide(decisionId, null, answer, AnswerChannel.PHONE, null, opsUser.strip());
        if (outcome.result() == Result.UNKNOWN) {
            throw new IllegalArgumentException("No client decision " + decisionId);
        }
        return outcome;
    }

    private Outcome decide(String decisionId, SignedLinks.Verification link, Answer answer, AnswerChannel channel,
            String ipPseudonym, String opsUser) {
        Outcome outcome;
        try {
            outcome = decideInTransaction(decisionId, link, answer, channel, ipPseudonym, opsUser);
        } catch (ConcurrencyFailureException e) {
            // Another answer held the row too long, or changed it meanwhile: nothing was recorded.
            outcome = Outcome.of(Result.BUSY);
        }
        LOG.info("Client decision {}: {} answer {} -> {}", decisionId, channel, answer, outcome.result());
        return outcome;
    }

    private Outcome decideInTransaction(String decisionId, SignedLinks.Verification link, Answer answer,
            AnswerChannel channel, String ipPseudonym, String opsUser) {
        return transaction.execute(status -> {
            Optional<ClientDecision> found = decisions.findForUpdate(decisionId);
            if (found.isEmpty()) {
                return Outcome.of(Result.UNKNOWN);
            }
            ClientDecision d = found.get();
            Result closed = link != null ? closedResult(d, link) : closedResult(d);
            if (closed == Result.INVALID_LINK) {
                return Outcome.of(closed);
            }
            if (closed != null) {
                return new Outcome(closed, d);
            }
            d.answer(answer, channel, clock.instant(), ipPseudonym, opsUser);
            decisions.flush();
            try {
                correlator.correlate(d);
            } catch (DecisionNotDeliveredException e) {
                // No half-state: neither the status nor anything the engine did stays.
                status.setRollbackOnly();
                return Outcome.of(e.retryable() ? Result.BUSY : Result.NO_LONGER_OPEN);
            }
            return new Outcome(answer == Answer.APPROVE ? Result.APPROVED : Result.DECLINED, d);
        });
    }

    /** Why a link's decision takes no answer, or null when it does. */
    private Result closedResult(ClientDecision d, SignedLinks.Verification link) {
        if (!d.getExpiresAt().equals(link.expiresAt())) {
            // Well signed but not for this record's expiry (e.g. another database, same secret).
            return Result.INVALID_LINK;
        }
        Result closed = closedResult(d);
        if (closed != null) {
            return closed;
        }
        return link.check() == SignedLinks.Check.EXPIRED || !d.isOpenAt(clock.instant()) ? Result.EXPIRED : null;
    }

    private static Result closedResult(ClientDecision d) {
        return switch (d.getStatus()) {
            case PENDING -> null;
            case APPROVED, DECLINED -> Result.ALREADY_ANSWERED;
            case EXPIRED -> Result.EXPIRED;
            case CANCELLED -> Result.CANCELLED;
        };
    }

    /**
     * The client answered by phone and the process already took the answer from ops (their task):
     * the PENDING decision records it (channel PHONE, the ops user) without correlating anything, so
     * the link can no longer be used. A decision that is no longer PENDING is left as it is.
     * Joins the caller's transaction.
     *
     * @throws IllegalArgumentException when no decision has that id
     */
    public ClientDecision recordAnsweredByPhone(String decisionId, Answer answer, String opsUser) {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(answer, "answer");
        return transaction.execute(status -> {
            ClientDecision d = decisions.findForUpdate(decisionId)
                    .orElseThrow(() -> new IllegalArgumentException("No client decision " + decisionId));
            if (d.getStatus() == DecisionStatus.PENDING) {
                d.answer(answer, AnswerChannel.PHONE, clock.instant(), null,
                        opsUser == null || opsUser.isBlank() ? "ops" : opsUser.strip());
                LOG.info("Client decision {}: PHONE answer {} recorded by ops", decisionId, answer);
            }
            return d;
        });
    }

    /**
     * The client answered in writing (R4.3-t3: written prior validation; e.g. a mail to the support
     * address) and ops record it in their task, whose completion moves the process on: the PENDING
     * decision records it (channel WRITTEN, the ops user, the reference of the writing) without
     * correlating anything, so the link can no longer be used. A decision that is no longer PENDING
     * is left as it is (the caller reads the record). Joins the caller's transaction.
     *
     * @param reference what identifies the client's writing: its date and sender, a letter's number
     *     (1 to 300 characters, one line)
     * @throws IllegalArgumentException when no decision has that id, or for a missing user or reference
     */
    public ClientDecision recordWrittenAnswer(String decisionId, Answer answer, String reference, String opsUser) {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(answer, "answer");
        if (opsUser == null || opsUser.isBlank() || opsUser.length() > 100) {
            throw new IllegalArgumentException("opsUser must have 1 to 100 characters");
        }
        if (reference == null || reference.isBlank() || reference.strip().length() > 300
                || reference.strip().chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The reference of the written answer must be one line of 1 to 300"
                    + " characters");
        }
        return transaction.execute(status -> {
            ClientDecision d = decisions.findForUpdate(decisionId)
                    .orElseThrow(() -> new IllegalArgumentException("No client decision " + decisionId));
            if (d.getStatus() == DecisionStatus.PENDING) {
                d.answer(answer, AnswerChannel.WRITTEN, clock.instant(), null, opsUser.strip(), reference.strip());
                LOG.info("Client decision {}: WRITTEN answer {} recorded by ops", decisionId, answer);
            }
            return d;
        });
    }

    /**
     * The process moved on without this answer (e.g. the next contact is asked): a PENDING
     * decision becomes CANCELLED; any other is left as it is. Joins the caller's transaction.
     *
     * @throws IllegalArgumentException when no decision has that id
     */
    public ClientDecision cancel(String decisionId) {
        return close(decisionId, DecisionStatus.CANCELLED);
    }

    /** Nobody answered in time (the process's timer fired): a PENDING decision becomes EXPIRED. */
    public ClientDecision expire(String decisionId) {
        return close(decisionId, DecisionStatus.EXPIRED);
    }

    /** Cancels every PENDING decision of a process instance (e.g. when it ends); returns how many. */
    public int cancelPending(String processInstanceId) {
        Integer n = transaction.execute(status -> {
            List<ClientDecision> open = decisions.findForUpdateByProcessInstance(processInstanceId, DecisionStatus.PENDING);
            Instant now = clock.instant();
            open.forEach(d -> d.close(DecisionStatus.CANCELLED, now));
            return open.size();
        });
        if (n != null && n > 0) {
            LOG.info("Cancelled {} pending client decision(s) of process instance {}", n, processInstanceId);
        }
        return n == null ? 0 : n;
    }

    private ClientDecision close(String decisionId, DecisionStatus finalStatus) {
        Objects.requireNonNull(decisionId, "decisionId");
        return transaction.execute(status -> {
            ClientDecision d = decisions.findForUpdate(decisionId)
                    .orElseThrow(() -> new IllegalArgumentException("No client decision " + decisionId));
            if (d.getStatus() == DecisionStatus.PENDING) {
                d.close(finalStatus, clock.instant());
                LOG.info("Client decision {} {}", decisionId, finalStatus);
            }
            return d;
        });
    }
}
