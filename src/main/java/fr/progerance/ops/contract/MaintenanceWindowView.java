package fr.progerance.ops.contract;

import java.time.Instant;

/**
 * A maintenance window as its record holds it (R4.4-p: excluded from the availability measure).
 *
 * @param id the record's id
 * @param serverId the server
 * @param start the window's start (included)
 * @param end the window's end (excluded)
 * @param source who recorded it
 * @param reference the recording side's key ({@code update:<id>}), or null
 * @param reason why, readable
 * @param createdBy the user or process that recorded it
 * @param createdAt when it was first recorded
 * @param updatedAt when it was last moved
 */
public record MaintenanceWindowView(long id, long serverId, Instant start, Instant end, MaintenanceWindowSource source,
        String reference, String reason, String createdBy, Instant createdAt, Instant updatedAt) {
}
