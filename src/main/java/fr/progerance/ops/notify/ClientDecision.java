package fr.progerance.ops.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A question put to a client (approve or decline an action), answered through a signed link, by
 * phone or in writing (recorded by ops), whose answer is correlated to a waiting process as a message (table
 * {@code ops_client_decision}). Used for incident actions first (R4.3-t3, R4.3-t4), then restores
 * (R3.6-d) and quotes (RD-extra, R4.0-c).
 *
 * <p>The answering client's IP is kept as a keyed pseudonym ({@link SignedLinks#pseudonym}), not as
 * the address: the evidence of a validation is the signed link, only ever mailed to the contact;
 * the pseudonym still shows whether two answers came from the same address, or whether a given
 * address answered, when a validation is disputed, without keeping readable personal data in the
 * database and its backups (GDPR data minimisation).
 */
@Entity
@Table(name = "ops_client_decision")
public class ClientDecision {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    /** The caller's idempotency key (e.g. process instance + activity + contact). */
    @Column(name = "request_key", length = 200, nullable = false, updatable = false)
    private String requestKey;

    @Column(name = "purpose", length = 40, nullable = false, updatable = false)
    private String purpose;

    @Column(name = "question", length = 2000, nullable = false, updatable = false)
    private String question;

    @Column(name = "details", length = 4000, updatable = false)
    private String details;

    @Column(name = "process_instance_id", length = 64, nullable = false, updatable = false)
    private String processInstanceId;

    @Column(name = "message_name", length = 255, nullable = false, updatable = false)
    private String messageName;

    /** Null: variables decisionId, decisionApproved, decisionChannel; else prefixed (restoreDecisionId...). */
    @Column(name = "variable_prefix", length = 40, updatable = false)
    private String variablePrefix;

    @Column(name = "recipient_contact_id", updatable = false)
    private Long recipientContactId;

    @Column(name = "recipient_email", length = 254, updatable = false)
    private String recipientEmail;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private DecisionStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    /** Keyed pseudonym of the client's IP for a LINK answer (see the class comment). */
    @Column(name = "answered_by_ip", length = 64)
    private String answeredByIp;

    /** The ops user who recorded a PHONE or WRITTEN answer. */
    @Column(name = "answered_by_user", length = 100)
    private String answeredByUser;

    @Enumerated(EnumType.STRING)
    @Column(name = "answer_channel", length = 8)
    private AnswerChannel answerChannel;

    /** For a WRITTEN answer: the reference of the client's writing (e.g. date and sender of its mail). */
    @Column(name = "answer_reference", length = 300)
    private String answerReference;

    /** When the decision was cancelled or marked expired. */
    @Column(name = "closed_at")
    private Instant closedAt;

    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    protected ClientDecision() {
    }

    ClientDecision(String id, DecisionRequest request, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.requestKey = request.requestKey();
        this.purpose = request.purpose();
        this.question = request.question();
        this.details = request.details();
        this.processInstanceId = request.processInstanceId();
        this.messageName = request.messageName();
        this.variablePrefix = request.variablePrefix();
        this.recipientContactId = request.recipientContactId();
        this.recipientEmail = request.recipientEmail();
        this.status = DecisionStatus.PENDING;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    void answer(Answer answer, AnswerChannel channel, Instant at, String ipPseudonym, String opsUser) {
        answer(answer, channel, at, ipPseudonym, opsUser, null);
    }

    void answer(Answer answer, AnswerChannel channel, Instant at, String ipPseudonym, String opsUser,
            String reference) {
        requirePending();
        this.answerReference = reference;
        this.status = answer == Answer.APPROVE ? DecisionStatus.APPROVED : DecisionStatus.DECLINED;
        this.answerChannel = channel;
        this.answeredAt = at;
        this.answeredByIp = ipPseudonym;
        this.answeredByUser = opsUser;
    }

    void close(DecisionStatus finalStatus, Instant at) {
        requirePending();
        if (finalStatus != DecisionStatus.CANCELLED && finalStatus != DecisionStatus.EXPIRED) {
            throw new IllegalArgumentException("close() is for CANCELLED or EXPIRED, not " + finalStatus);
        }
        this.status = finalStatus;
        this.closedAt = at;
    }

    private void requirePending() {
        if (status != DecisionStatus.PENDING) {
            throw new IllegalStateException("Decision " + id + " is " + status + ", not PENDING");
        }
    }

    /** Whether the decision still accepts an answer at {@code now}. */
    public boolean isOpenAt(Instant now) {
        return status == DecisionStatus.PENDING && now.isBefore(expiresAt);
    }

    /** The process variable that receives {@code base} ("decisionId"...), with this decision's prefix. */
    public String variableName(String base) {
        if (variablePrefix == null) {
            return base;
        }
        return variablePrefix + Character.toUpperCase(base.charAt(0)) + base.substring(1);
    }

    public String getId() {
        return id;
    }

    public String getRequestKey() {
        return requestKey;
    }

    public String getPurpose() {
        return purpose;
    }

    public String getQuestion() {
        return question;
    }

    public String getDetails() {
        return details;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getMessageName() {
        return messageName;
    }

    public String getVariablePrefix() {
        return variablePrefix;
    }

    public Long getRecipientContactId() {
        return recipientContactId;
    }

    public String getRecipientEmail() {
        return recipientEmail;
    }

    public DecisionStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getAnsweredAt() {
        return answeredAt;
    }

    public String getAnsweredByIp() {
        return answeredByIp;
    }

    public String getAnsweredByUser() {
        return answeredByUser;
    }

    public AnswerChannel getAnswerChannel() {
        return answerChannel;
    }

    public String getAnswerReference() {
        return answerReference;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    @Override
    public String toString() {
        // No question, details or addresses: this ends up in logs.
        return "ClientDecision[" + id + ", " + purpose + ", " + status + "]";
    }
}
