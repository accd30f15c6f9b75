package fr.progerance.ops.quote;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One quote (table {@code ops_quote}), the evidence of RD-extra, R3.5 and R4.0-c: what ops prepared
 * (with who and when, from the form bound to the logged-in user), what the client was sent, and
 * the outcome copied from its decision record with who decided, when and by which channel. Nothing
 * here comes from a process variable (DESIGN rule 11); the status only moves forward
 * (PREPARING, SENT, then one final status).
 */
@Entity
@Table(name = "ops_quote")
public class Quote {

    /** How the outcome came. */
    public enum Channel {
        /** The signed link mailed to the client. */
        LINK,
        /** The client phoned; ops logged it in their task. */
        PHONE,
        /** Nobody answered before the end of its validity. */
        EXPIRY
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "number", length = 32)
    private String number;

    @Column(name = "subject", length = 120, nullable = false, updatable = false)
    private String subject;

    @Column(name = "client_id", nullable = false, updatable = false)
    private Long clientId;

    @Column(name = "server_id", updatable = false)
    private Long serverId;

    @Column(name = "title", length = 200, nullable = false, updatable = false)
    private String title;

    /** The caller's French sentence of what happens without an answer (null: nothing is done). */
    @Column(name = "no_answer", length = 500, updatable = false)
    private String noAnswer;

    @Column(name = "description", length = 2000)
    private String description;

    @Column(name = "amount_excl_tax", precision = 12, scale = 2)
    private BigDecimal amountExclTax;

    /** The VAT rate the client was shown (R7.1), fixed at sending. */
    @Column(name = "vat_rate", precision = 6, scale = 4)
    private BigDecimal vatRate;

    @Column(name = "window_start")
    private Instant windowStart;

    @Column(name = "window_end")
    private Instant windowEnd;

    /** The last day (Europe/Paris) the client may accept it. */
    @Column(name = "valid_until")
    private LocalDate validUntil;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private QuoteStatus status;

    /** The QuoteApproval instance of this quote: one quote per instance. */
    @Column(name = "process_instance_id", length = 64, nullable = false, updatable = false)
    private String processInstanceId;

    /** The instance whose call activity asked for it (IncidentHandling, MajorUpdate), if any. */
    @Column(name = "caller_process_instance_id", length = 64, updatable = false)
    private String callerProcessInstanceId;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "prepared_by", length = 100)
    private String preparedBy;

    @Column(name = "prepared_at")
    private Instant preparedAt;

    @Column(name = "decision_id", length = 36)
    private String decisionId;

    @Column(name = "recipient_email", length = 254)
    private String recipientEmail;

    @Column(name = "sent_at")
    private Instant sentAt;

    /** End of the validity day, Paris time: the decision link's expiry and the expiry timer. */
    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "reminders_sent", nullable = false)
    private int remindersSent;

    @Column(name = "last_reminded_at")
    private Instant lastRemindedAt;

    @Column(name = "decided_by", length = 254)
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", length = 8)
    private Channel channel;

    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    protected Quote() {
    }

    Quote(String subject, long clientId, Long serverId, String title, String noAnswer, String processInstanceId,
            String callerProcessInstanceId, Instant requestedAt) {
        this.subject = subject;
        this.clientId = clientId;
        this.serverId = serverId;
        this.title = title;
        this.noAnswer = noAnswer;
        this.processInstanceId = processInstanceId;
        this.callerProcessInstanceId = callerProcessInstanceId;
        this.requestedAt = requestedAt;
        this.status = QuoteStatus.PREPARING;
    }

    /** Task_PrepareQuote: what ops entered, checked before, with who and when, and the number for the client. */
    void prepared(String number, String description, BigDecimal amountExclTax, Instant windowStart, Instant windowEnd,
            LocalDate validUntil, String by, Instant at) {
        requireStatus(QuoteStatus.PREPARING);
        if (this.number != null) {
            throw new IllegalStateException("Quote " + this.number + " is already prepared");
        }
        this.number = number;
        this.description = description;
        this.amountExclTax = amountExclTax;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.validUntil = validUntil;
        this.preparedBy = by;
        this.preparedAt = at;
    }

    /** Task_SendQuote: the decision link mailed to {@code recipient}, the VAT rate shown, until {@code expiresAt}. */
    void sent(String decisionId, String recipient, BigDecimal vatRate, Instant expiresAt, Instant at) {
        requireStatus(QuoteStatus.PREPARING);
        if (number == null) {
            throw new IllegalStateException("Quote " + id + " is sent before it was prepared");
        }
        this.decisionId = decisionId;
        this.recipientEmail = recipient;
        this.vatRate = vatRate;
        this.expiresAt = expiresAt;
        this.sentAt = at;
        this.status = QuoteStatus.SENT;
    }

    /** DESIGN rule 12: one more reminder went out. */
    void reminded(Instant at) {
        requireStatus(QuoteStatus.SENT);
        this.remindersSent++;
        this.lastRemindedAt = at;
    }

    /** The final outcome, as the decision record has it. */
    void decided(QuoteStatus outcome, Channel channel, String by, Instant at) {
        if (!outcome.decided()) {
            throw new IllegalArgumentException(outcome + " is not an outcome");
        }
        requireStatus(QuoteStatus.SENT);
        this.status = outcome;
        this.channel = channel;
        this.decidedBy = by;
        this.decidedAt = at;
    }

    private void requireStatus(QuoteStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("Quote " + (number != null ? number : String.valueOf(id)) + " is " + status
                    + ", not " + expected);
        }
    }

    QuoteView view() {
        return new QuoteView(id, number, subject, clientId, serverId, title, description, amountExclTax, windowStart,
                windowEnd, validUntil, status, preparedBy, decidedBy, decidedAt, channel == null ? null : channel.name());
    }

    public Long getId() {
        return id;
    }

    public String getNumber() {
        return number;
    }

    public String getSubject() {
        return subject;
    }

    public Long getClientId() {
        return clientId;
    }

    public Long getServerId() {
        return serverId;
    }

    public String getTitle() {
        return title;
    }

    public String getNoAnswer() {
        return noAnswer;
    }

    public String getDescription() {
        return description;
    }

    public BigDecimal getAmountExclTax() {
        return amountExclTax;
    }

    public BigDecimal getVatRate() {
        return vatRate;
    }

    public Instant getWindowStart() {
        return windowStart;
    }

    public Instant getWindowEnd() {
        return windowEnd;
    }

    public LocalDate getValidUntil() {
        return validUntil;
    }

    public QuoteStatus getStatus() {
        return status;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getCallerProcessInstanceId() {
        return callerProcessInstanceId;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public String getPreparedBy() {
        return preparedBy;
    }

    public Instant getPreparedAt() {
        return preparedAt;
    }

    public String getDecisionId() {
        return decisionId;
    }

    public String getRecipientEmail() {
        return recipientEmail;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public int getRemindersSent() {
        return remindersSent;
    }

    public Instant getLastRemindedAt() {
        return lastRemindedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public Channel getChannel() {
        return channel;
    }
}
