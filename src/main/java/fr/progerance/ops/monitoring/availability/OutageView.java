package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.incident.CauseCategory;
import java.time.Instant;

/**
 * One outage of the ledger.
 *
 * @param end            null while it lasts
 * @param causeCategory  from the incident when ops classified it, or set by managers; null: not yet
 * @param responsibility who answers for it (R4.4-t: on TIERCE, hardware, network and hoster are
 *                       excluded); null means PROVIDER until classified
 */
public record OutageView(long id, long serverId, long contractId, Instant start, Instant end, String cause,
        String incidentNumber, CauseCategory causeCategory, CauseCategory.Responsibility responsibility) {
}
