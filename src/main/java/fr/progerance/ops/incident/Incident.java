package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.calendar.IncidentDeadlines;
import fr.progerance.ops.calendar.Infrastructure;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One incident on a client's server (R4.1, R4.2, R4.3-*): what was reported, the contract's
 * deadlines, when it was taken in charge and restored, breaches, cause and responsibility. It stays
 * queryable after closing for availability and penalties (R4.4-p, R4.4-t).
 */
@Entity
@Table(name = "ops_incident")
public class Incident {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "number", length = 24, unique = true)
    private String number;

    @Column(name = "server_id", nullable = false, updatable = false)
    private Long serverId;

    @Column(name = "contract_id", nullable = false, updatable = false)
    private Long contractId;

    @Enumerated(EnumType.STRING)
    @Column(name = "category", nullable = false, length = 20, updatable = false)
    private IncidentCategory category;

    @Column(name = "service_level", nullable = false, updatable = false)
    private int serviceLevel;

    @Enumerated(EnumType.STRING)
    @Column(name = "infrastructure", nullable = false, length = 20, updatable = false)
    private Infrastructure infrastructure;

    @Column(name = "summary", nullable = false, length = 500)
    private String summary;

    @Column(name = "source", nullable = false, length = 100)
    private String source;

    @Column(name = "detected_at", nullable = false, updatable = false)
    private Instant detectedAt;

    @Column(name = "reported_at", nullable = false, updatable = false)
    private Instant reportedAt;

    @Column(name = "reported_by", length = 64)
    private String reportedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private IncidentStatus status;

    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;

    @Column(name = "sla_rule", length = 20)
    private String slaRule;

    @Column(name = "sla_guaranteed")
    private Boolean slaGuaranteed;

    @Column(name = "clock_started_at")
    private Instant clockStartedAt;

    @Column(name = "intervention_due")
    private Instant interventionDue;

    @Column(name = "restoration_due")
    private Instant restorationDue;

    @Column(name = "taken_in_charge_at")
    private Instant takenInChargeAt;

    @Column(name = "taken_in_charge_by", length = 64)
    private String takenInChargeBy;

    @Column(name = "intervention_breached", nullable = false)
    private boolean interventionBreached;

    @Column(name = "restored_at")
    private Instant restoredAt;

    @Column(name = "restoration_breached", nullable = false)
    private boolean restorationBreached;

    @Enumerated(EnumType.STRING)
    @Column(name = "cause_category", length = 20)
    private CauseCategory causeCategory;

    @Enumerated(EnumType.STRING)
    @Column(name = "responsibility", length = 20)
    private CauseCategory.Responsibility responsibility;

    @Column(name = "closed_at")
    private Instant closedAt;

    /** R9: force majeure declared at this instant and not lifted yet; the SLA clocks are suspended. */
    @Column(name = "force_majeure_since")
    private Instant forceMajeureSince;

    /** R4.3-t2: the business-hours opening the work waits for, without the client's agreement. */
    @Column(name = "deferred_until")
    private Instant deferredUntil;

    /** R4.3-t2: what the client answered when ops asked whether to act now (null: not asked). */
    @Column(name = "act_now_agreed")
    private Boolean actNowAgreed;

    @Column(name = "agreement_recorded_at")
    private Instant agreementRecordedAt;

    @Column(name = "agreement_recorded_by", length = 64)
    private String agreementRecordedBy;

    /** R4.3-t5 (3): nobody could be reached and no procedure applied: only actions without impact. */
    @Column(name = "restricted_to_non_impacting", nullable = false)
    private boolean restrictedToNonImpacting;

    @Column(name = "restriction_reason", length = 2000)
    private String restrictionReason;

    /** Actions the client explicitly approved on this incident (R4.3-t3), comma-separated names. */
    @Column(name = "client_approved_actions", length = 200)
    private String clientApprovedActions;

    @Column(name = "restored_by", length = 64)
    private String restoredBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Incident() {
    }

    Incident(Long serverId, Long contractId, IncidentCategory category, int serviceLevel,
             Infrastructure infrastructure, String summary, String source, Instant detectedAt, Instant reportedAt,
             String reportedBy) {
        this.serverId = serverId;
        this.contractId = contractId;
        this.category = category;
        this.serviceLevel = serviceLevel;
        this.infrastructure = infrastructure;
        this.summary = summary;
        this.source = source;
        this.detectedAt = detectedAt;
        this.reportedAt = reportedAt;
        this.reportedBy = reportedBy;
        this.status = IncidentStatus.OPEN;
    }

    /** The number is derived from the id once the row exists: {@code INC-2026-000042}. */
    void assignNumber(String prefix, int year) {
        this.number = String.format("%s-%d-%06d", prefix, year, id);
    }

    void attachProcess(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void startClocks(Instant clockStart, IncidentDeadlines deadlines) {
        this.clockStartedAt = clockStart;
        this.slaRule = deadlines.rule();
        this.slaGuaranteed = deadlines.guaranteed();
        this.interventionDue = deadlines.interventionDue() == null ? null : deadlines.interventionDue().toInstant();
        this.restorationDue = deadlines.restorationDue() == null ? null : deadlines.restorationDue().toInstant();
    }

    /**
     * Records the intervention (R4.3-*: GTI); a late one is a breach even if the timer did not fire
     * yet. Under force majeure (R9) the clock stands still at its declaration, so the intervention
     * is judged at that instant: the deadline has not moved yet, but it will by as much as the
     * force majeure lasts.
     */
    void takeCharge(Instant at, String by, CauseCategory cause) {
        if (takenInChargeAt == null) {
            this.takenInChargeAt = at;
            this.takenInChargeBy = by;
            if (interventionDue != null && onTheClock(at).isAfter(interventionDue)) {
                this.interventionBreached = true;
            }
        }
        classify(cause);
    }

    /** Where the SLA clock stands at {@code at}: frozen at the declaration while force majeure lasts (R9). */
    Instant onTheClock(Instant at) {
        return forceMajeureSince != null && forceMajeureSince.isBefore(at) ? forceMajeureSince : at;
    }

    /** R4.3-t2: the work waits for the business-hours opening at {@code opening}. */
    void deferUntil(Instant opening) {
        this.deferredUntil = opening;
    }

    /** R4.3-t2: ops logged the client's answer: act now, or wait for the opening. */
    void recordAgreement(boolean actNow, Instant at, String by) {
        this.actNowAgreed = actNow;
        this.agreementRecordedAt = at;
        this.agreementRecordedBy = by;
    }

    /** R4.3-t5 (3): only actions without impact on the infrastructure, until the client validates. */
    void restrictToNonImpacting(String reason) {
        this.restrictedToNonImpacting = true;
        this.restrictionReason = reason;
    }

    /** R4.3-t3: the client explicitly approved {@code action}; an impacting one is allowed again. */
    void clientApproved(String action) {
        java.util.Set<String> approved = new java.util.TreeSet<>(getClientApprovedActions());
        approved.add(action);
        this.clientApprovedActions = String.join(",", approved);
    }

    /**
     * Whether {@code action}, one with an impact on the infrastructure, may run now: unless the
     * incident is restricted to actions without impact (R4.3-t5 (3)), or the client approved that
     * very action explicitly since (R4.3-t3, R4.3-t4).
     */
    public boolean mayRunImpacting(String action) {
        return !restrictedToNonImpacting || getClientApprovedActions().contains(action);
    }

    /** Ops confirmed the restoration (GTR), judged on the clock as R9 freezes it. */
    void restore(Instant at, String by) {
        if (restoredAt != null) {
            return;
        }
        this.restoredAt = at;
        this.restoredBy = by;
        if (restorationDue != null && onTheClock(at).isAfter(restorationDue)) {
            this.restorationBreached = true;
        }
    }

    void classify(CauseCategory cause) {
        if (cause != null) {
            this.causeCategory = cause;
            this.responsibility = cause.responsibility(infrastructure);
        }
    }

    void markInterventionBreached() {
        this.interventionBreached = true;
    }

    void markRestorationBreached() {
        this.restorationBreached = true;
    }

    /** Closes the restored incident; TIERCE best effort records the restoration time only. */
    void close(Instant closedAt) {
        if (status == IncidentStatus.CLOSED) {
            return;
        }
        if (restoredAt == null) {
            throw new IllegalStateException("Incident " + number + " is not restored: it cannot be closed");
        }
        this.closedAt = closedAt;
        this.status = IncidentStatus.CLOSED;
        this.forceMajeureSince = null;
    }

    /** The deadlines as the calendar component knows them (for R9 suspensions). */
    public IncidentDeadlines deadlines(java.util.function.Function<Instant, java.time.OffsetDateTime> atZone) {
        return new IncidentDeadlines(Boolean.TRUE.equals(slaGuaranteed),
                interventionDue == null ? null : atZone.apply(interventionDue),
                restorationDue == null ? null : atZone.apply(restorationDue), slaRule);
    }

    void suspendClocks(Instant since) {
        this.forceMajeureSince = since;
    }

    /** R9: the clocks run again; the deadlines moved by the time the force majeure lasted. */
    void resumeClocks(IncidentDeadlines moved) {
        this.forceMajeureSince = null;
        this.interventionDue = moved.interventionDue() == null ? null : moved.interventionDue().toInstant();
        this.restorationDue = moved.restorationDue() == null ? null : moved.restorationDue().toInstant();
    }

    public Instant getForceMajeureSince() {
        return forceMajeureSince;
    }

    public Instant getDeferredUntil() {
        return deferredUntil;
    }

    public Boolean getActNowAgreed() {
        return actNowAgreed;
    }

    public Instant getAgreementRecordedAt() {
        return agreementRecordedAt;
    }

    public String getAgreementRecordedBy() {
        return agreementRecordedBy;
    }

    public boolean isRestrictedToNonImpacting() {
        return restrictedToNonImpacting;
    }

    public String getRestrictionReason() {
        return restrictionReason;
    }

    public java.util.Set<String> getClientApprovedActions() {
        return clientApprovedActions == null || clientApprovedActions.isBlank() ? java.util.Set.of()
                : java.util.Set.of(clientApprovedActions.split(","));
    }

    public String getRestoredBy() {
        return restoredBy;
    }

    public boolean isOpen() {
        return status == IncidentStatus.OPEN;
    }

    public Long getId() {
        return id;
    }

    public String getNumber() {
        return number;
    }

    public Long getServerId() {
        return serverId;
    }

    public Long getContractId() {
        return contractId;
    }

    public IncidentCategory getCategory() {
        return category;
    }

    public int getServiceLevel() {
        return serviceLevel;
    }

    public Infrastructure getInfrastructure() {
        return infrastructure;
    }

    public String getSummary() {
        return summary;
    }

    public String getSource() {
        return source;
    }

    public Instant getDetectedAt() {
        return detectedAt;
    }

    public Instant getReportedAt() {
        return reportedAt;
    }

    public String getReportedBy() {
        return reportedBy;
    }

    public IncidentStatus getStatus() {
        return status;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getSlaRule() {
        return slaRule;
    }

    public Boolean getSlaGuaranteed() {
        return slaGuaranteed;
    }

    public Instant getClockStartedAt() {
        return clockStartedAt;
    }

    public Instant getInterventionDue() {
        return interventionDue;
    }

    public Instant getRestorationDue() {
        return restorationDue;
    }

    public Instant getTakenInChargeAt() {
        return takenInChargeAt;
    }

    public String getTakenInChargeBy() {
        return takenInChargeBy;
    }

    public boolean isInterventionBreached() {
        return interventionBreached;
    }

    public Instant getRestoredAt() {
        return restoredAt;
    }

    public boolean isRestorationBreached() {
        return restorationBreached;
    }

    public CauseCategory getCauseCategory() {
        return causeCategory;
    }

    public CauseCategory.Responsibility getResponsibility() {
        return responsibility;
    }

    public Instant getClosedAt() {
        return closedAt;
    }
}
