package fr.progerance.ops.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of an incident's timeline (shown in the API and in the client's closing report). */
@Entity
@Table(name = "ops_incident_event")
public class IncidentEvent {

    /** What happened. */
    public enum Kind {
        REPORTED, REPORT_ATTACHED, CLIENT_TOLD_NO_GUARANTEE, CLIENT_AGREED_TO_ACT_NOW, CLIENT_PREFERS_TO_WAIT,
        WAITED_FOR_BUSINESS_HOURS, CLOCKS_STARTED, CLOCKS_HELD, DIAGNOSIS, SERVER_UNREACHABLE, TAKEN_IN_CHARGE,
        INTERVENTION_BREACHED, ROUTED_TO_HOSTER, HOSTER_REMINDED, HOSTER_COORDINATED, QUOTE_SENT, QUOTE_REMINDED,
        QUOTE_ANSWERED, QUOTE_EXPIRED, REMEDIATION_RUN, CLIENT_ASKED, CLIENT_ANSWERED, CONTACT_UNANSWERED,
        EMERGENCY_PROCEDURE_APPLIED, RESTRICTED_TO_NON_IMPACTING, ACTION_CARRIED_OUT, SERVICE_CHECKED,
        RESTORATION_BREACHED, RESTORATION_NOT_CONFIRMED, RESTORED, CLOSED, REPORT_SENT, FORCE_MAJEURE_DECLARED,
        FORCE_MAJEURE_LIFTED,
        /** Monitoring restarted a restartable service once, with the outcome (issue 11, monitoring/detect). */
        AUTO_RESTART,
        /** Monitoring saw the server answer again (SubProcess_MonitoringRecovery); ops still confirm the restoration. */
        MONITORING_RECOVERED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "incident_id", nullable = false, updatable = false)
    private Long incidentId;

    @Column(name = "at", nullable = false, updatable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 40, updatable = false)
    private Kind kind;

    @Column(name = "detail", length = 4000, updatable = false)
    private String detail;

    @Column(name = "actor", length = 64, updatable = false)
    private String actor;

    protected IncidentEvent() {
    }

    IncidentEvent(Long incidentId, Instant at, Kind kind, String detail, String actor) {
        this.incidentId = incidentId;
        this.at = at;
        this.kind = kind;
        this.detail = detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 3997) + "...";
        this.actor = actor;
    }

    public Long getId() {
        return id;
    }

    public Long getIncidentId() {
        return incidentId;
    }

    public Instant getAt() {
        return at;
    }

    public Kind getKind() {
        return kind;
    }

    public String getDetail() {
        return detail;
    }

    public String getActor() {
        return actor;
    }
}
