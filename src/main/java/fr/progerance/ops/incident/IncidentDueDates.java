package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.ContractClock;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Due dates of the IncidentHandling tasks whose deadline is a setting rather than an SLA clock
 * (DESIGN rule 12: every user task has a due date). The BPMN reads them by the bean name, e.g.
 * {@code camunda:dueDate="${incidentDueDates.hosterFollowUp()}"}, when the task is created.
 */
@Component("incidentDueDates")
public class IncidentDueDates {

    private final ContractClock clock;
    private final IncidentSettings settings;

    public IncidentDueDates(ContractClock clock, IncidentSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** Task_CoordinateWithHoster: the first follow-up of the hoster (ops.incident.hoster-follow-up). */
    public Date hosterFollowUp() {
        return Date.from(clock.after(settings.getHosterFollowUp()).toInstant());
    }

    /** Version 1's Task_PrepareQuote (RD-extra): ops.incident.quote-preparation after the request. */
    public Date quotePreparation() {
        return Date.from(clock.after(settings.getQuotePreparation()).toInstant());
    }

    /** Task_LiftForceMajeure (R9): managers review it after ops.incident.force-majeure-review. */
    public Date forceMajeureReview() {
        return Date.from(clock.after(settings.getForceMajeureReview()).toInstant());
    }
}
