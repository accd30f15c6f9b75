package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.ContractClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An incident as the API shows it (R4.3-*: the record that availability and penalties read later).
 * Times are at the Europe/Paris offset.
 */
public record IncidentView(
        String number, String status, boolean attached, Long serverId, Long contractId, String category, int level,
        String infrastructure, String summary, String source, OffsetDateTime detectedAt, OffsetDateTime reportedAt,
        String reportedBy, Sla sla, OffsetDateTime takenInChargeAt, String takenInChargeBy,
        boolean interventionBreached, OffsetDateTime restoredAt, String restoredBy, boolean restorationBreached,
        String causeCategory, String responsibility, OffsetDateTime closedAt, OffsetDateTime forceMajeureSince,
        OffsetDateTime deferredUntil, Agreement outOfHoursAgreement, Restriction restriction, String processInstanceId,
        List<Event> timeline) {

    /** R4.3-t2: the client's answer to acting now outside business hours, as ops logged it. */
    public record Agreement(boolean actNow, OffsetDateTime recordedAt, String recordedBy) {
    }

    /** R4.3-t5 (3): only actions without impact, except those the client approved since (R4.3-t3). */
    public record Restriction(boolean nonImpactingOnly, String reason, List<String> clientApprovedActions) {
    }

    /** The contract's clocks for this incident. */
    public record Sla(String rule, Boolean guaranteed, OffsetDateTime clockStartedAt, OffsetDateTime interventionDue,
            OffsetDateTime restorationDue, boolean restorationBestEffort) {
    }

    /** One timeline line. */
    public record Event(OffsetDateTime at, String kind, String detail, String actor) {
    }

    static IncidentView of(Incident i, boolean attached, List<IncidentEvent> events, ContractClock clock) {
        return new IncidentView(i.getNumber(), i.getStatus().name(), attached, i.getServerId(), i.getContractId(),
                i.getCategory().name(), i.getServiceLevel(), i.getInfrastructure().name(), i.getSummary(),
                i.getSource(), at(clock, i.getDetectedAt()), at(clock, i.getReportedAt()), i.getReportedBy(),
                new Sla(i.getSlaRule(), i.getSlaGuaranteed(), at(clock, i.getClockStartedAt()),
                        at(clock, i.getInterventionDue()), at(clock, i.getRestorationDue()),
                        i.getSlaRule() != null && i.getRestorationDue() == null),
                at(clock, i.getTakenInChargeAt()), i.getTakenInChargeBy(), i.isInterventionBreached(),
                at(clock, i.getRestoredAt()), i.getRestoredBy(), i.isRestorationBreached(),
                i.getCauseCategory() == null ? null : i.getCauseCategory().name(),
                i.getResponsibility() == null ? null : i.getResponsibility().name(), at(clock, i.getClosedAt()),
                at(clock, i.getForceMajeureSince()), at(clock, i.getDeferredUntil()),
                i.getActNowAgreed() == null ? null : new Agreement(i.getActNowAgreed(),
                        at(clock, i.getAgreementRecordedAt()), i.getAgreementRecordedBy()),
                new Restriction(i.isRestrictedToNonImpacting(), i.getRestrictionReason(),
                        i.getClientApprovedActions().stream().sorted().toList()),
                i.getProcessInstanceId(),
                events.stream().map(e -> new Event(at(clock, e.getAt()), e.getKind().name(), e.getDetail(),
                        e.getActor())).toList());
    }

    private static OffsetDateTime at(ContractClock clock, Instant instant) {
        return instant == null ? null : clock.atZone(instant);
    }
}
