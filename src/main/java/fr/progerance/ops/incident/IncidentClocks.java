package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.calendar.IncidentDeadlines;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.calendar.SlaDeadlines;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Which SLA clock an incident runs on (R4.3-p1, R4.3-p2, R4.3-t1, R4.3-t2). The numbers and the
 * calendars are the calendar component's; this class only decides where the clock starts and
 * whether the client's agreement is needed first.
 */
@Component
public class IncidentClocks {

    private final SlaDeadlines sla;

    public IncidentClocks(SlaDeadlines sla) {
        this.sla = sla;
    }

    /**
     * R4.3-t2: a TIERCE incident detected outside business hours has no guaranteed intervention
     * time without the client's agreement given in advance (the contract's flag); the client must
     * then be told, and ops record whether it agrees to act now.
     */
    public boolean needsClientAgreement(Infrastructure infrastructure, boolean agreedInAdvance, Instant detectedAt) {
        return infrastructure == Infrastructure.TIERCE && !agreedInAdvance && !sla.isBusinessHours(detectedAt);
    }

    /**
     * The deadlines of an incident whose clock starts at {@code clockStart}: the detection, or the
     * client's agreement to act now, or the business-hours opening the work waited for.
     *
     * @param agreed the client agreed to out-of-hours work (in the contract or for this incident)
     */
    public IncidentDeadlines deadlines(Infrastructure infrastructure, int level, IncidentCategory category,
            Instant clockStart, boolean agreed) {
        if (infrastructure == Infrastructure.TIERCE && agreed && !sla.isBusinessHours(clockStart)) {
            return sla.tierceAgreedDeadlines(clockStart);
        }
        return sla.incidentDeadlines(infrastructure, level, category, clockStart);
    }

    /** Where the wait of R4.3-t2 ends. */
    public Instant nextBusinessOpening(Instant from) {
        return sla.nextBusinessInstant(from).toInstant();
    }

    /** R6.8-b: whether the support desk is open (outside it, level 2 has an emergency phone). */
    public boolean isSupportHours(Instant at) {
        return sla.isSupportHours(at);
    }
}
