package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.IncidentCategory;
import java.time.Instant;

/**
 * A report of an incident, from the API or the Tasklist start form, already validated for shape.
 *
 * @param detectedAt when monitoring or the client saw it; the SLA clocks run from it (R4.3-*)
 */
public record NewReport(Long serverId, IncidentCategory category, int level, String summary, String source,
        Instant detectedAt) {
}
