package fr.progerance.ops.update;

import fr.progerance.ops.update.version.UpdateKind;
import java.time.Instant;

/**
 * One update of one server, as its record holds it.
 *
 * @param id the record's id (business key of its process: {@code update:<id>})
 * @param serverId the server
 * @param fromVersion the version read before (text)
 * @param toVersion the target release (text)
 * @param kind MAJOR, MINOR or PATCH
 * @param security true when a release up to the target fixes security advisories
 * @param dueAt R4.0-b: publication + the delay setting (minor updates); null for a major update
 * @param status where it stands
 * @param windowStart the recorded maintenance window, or null
 * @param windowEnd its end
 * @param quoteId MajorUpdate: the quote record, or null
 * @param reason why it ended as it did (readable), or null
 * @param requestedBy {@code catalogue} or the ops user who started it
 * @param createdAt when the record was created
 * @param finishedAt when it reached a final status, or null
 */
public record UpdateView(long id, long serverId, String fromVersion, String toVersion, UpdateKind kind,
        boolean security, Instant dueAt, UpdateStatus status, Instant windowStart, Instant windowEnd, Long quoteId,
        String reason, String requestedBy, Instant createdAt, Instant finishedAt) {
}
