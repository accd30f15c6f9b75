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
        boolean interventionBreached, OffsetDateTime restoredAt, boolean restorationBreached, String causeCategory,
        String responsibility, OffsetDateTime closedAt, OffsetDateTime forceMajeureSince, String processInstanceId,
        List<Event> timeline) {

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
                at(clock, i.getRestoredAt()), i.isRestorationBreached(),
                i.getCauseCategory() == null ? null : i.getCauseCategory().name(),
                i.getResponsibility() == null ? null : i.getResponsibility().name(), at(clock, i.getClosedAt()),
                at(clock, i.getForceMajeureSince()), i.getProcessInstanceId(),
                events.stream().map(e -> new Event(at(clock, e.getAt()), e.getKind().name(), e.getDetail(),
                        e.getActor())).toList());
    }

    private static OffsetDateTime at(ContractClock clock, Instant instant) {
        return instant == null ? null : clock.atZone(instant);
    }
}
