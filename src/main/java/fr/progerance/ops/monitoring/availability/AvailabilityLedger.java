package fr.progerance.ops.monitoring.availability;

import java.time.Instant;
import java.util.Optional;

/**
 * The availability ledger's writing side (R4.4-p, R4.4-t): outage intervals per server, opened by a
 * confirmed failure and closed by the recovery. Idempotent: probes run at least once per round and
 * on several nodes.
 */
public interface AvailabilityLedger {

    /**
     * Records that the server has been unavailable since {@code since} (the first failed check),
     * linked to the incident the failure opened. A server with an open outage keeps it (its id is
     * returned, nothing changes).
     *
     * @param cause          the failing checks, readable ({@code HTTP_STATUS:shop.example.fr HTTP 503})
     * @param incidentNumber the incident's number, or null when none was opened
     * @return the outage's id
     */
    long outageStarted(long serverId, Instant since, String cause, String incidentNumber);

    /** Closes the server's open outage at {@code at} (the first healthy check); no open outage: nothing. */
    void outageEnded(long serverId, Instant at);

    /** The server's open outage, if any. */
    Optional<OutageView> openOutage(long serverId);
}
