package fr.progerance.ops.backup;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.ClientRepository;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Holds on snapshots (R8.2, legal holds): records with who, why and until when, which the
 * retention job reads (DESIGN rule 11). Managers place and lift them through the API; the billing
 * obligation places the R8.2 hold on a suspended client's final backup with
 * {@link #placeSuspensionHold}.
 */
@Service
public class BackupHolds {

    /** A restic snapshot id, or its prefix of at least 8 characters (the short id). */
    static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9a-f]{8,64}");

    private final BackupHoldRepository holds;
    private final ClientRepository clients;
    private final BackupSettings settings;
    private final ContractClock clock;

    public BackupHolds(BackupHoldRepository holds, ClientRepository clients, BackupSettings settings,
            ContractClock clock) {
        this.holds = holds;
        this.clients = clients;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Places a hold.
     *
     * @throws InvalidInputException naming each wrong field (400)
     * @throws NotFoundException for an unknown client (404)
     */
    @Transactional
    public BackupHold place(long clientId, String snapshotId, HoldReason reason, String note, Instant until,
            String placedBy) {
        List<FieldProblem> problems = new ArrayList<>();
        if (snapshotId == null || !SNAPSHOT_ID.matcher(snapshotId).matches()) {
            problems.add(new FieldProblem("snapshotId", "must be a restic snapshot id: 8 to 64 lower-case hex digits"));
        }
        if (reason == null) {
            problems.add(new FieldProblem("reason", "is required"));
        }
        if (until == null) {
            problems.add(new FieldProblem("until", "is required"));
        } else if (!until.isAfter(clock.instant())) {
            problems.add(new FieldProblem("until", "must be in the future"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (!clients.existsById(clientId)) {
            throw new NotFoundException("Client", clientId);
        }
        return holds.save(new BackupHold(clientId, snapshotId, reason, note == null || note.isBlank() ? null
                : note.strip(), placedBy, clock.instant(), until));
    }

    /**
     * R8.2: the final backup before a suspension for non-payment is kept
     * {@code ops.backup.retention.suspension-hold} (30 calendar days) from now.
     */
    @Transactional
    public BackupHold placeSuspensionHold(long clientId, String snapshotId, String placedBy, String note) {
        Instant until = clock.plusCalendarPeriod(clock.instant(), settings.getRetention().getSuspensionHold())
                .toInstant();
        return place(clientId, snapshotId, HoldReason.SUSPENSION_FINAL_BACKUP, note, until, placedBy);
    }

    /**
     * Lifts a hold: who and when are recorded; the retention forgets the snapshot once it is old.
     *
     * @throws NotFoundException for an unknown hold (404)
     * @throws ConflictException when it was already lifted (409)
     */
    @Transactional
    public BackupHold lift(long holdId, String liftedBy) {
        BackupHold hold = holds.findById(holdId).orElseThrow(() -> new NotFoundException("Hold", holdId));
        if (hold.getLiftedAt() != null) {
            throw new ConflictException("Hold " + holdId + " was lifted by " + hold.getLiftedBy() + " already",
                    List.of());
        }
        hold.lift(liftedBy, clock.instant());
        return hold;
    }

    @Transactional(readOnly = true)
    public List<BackupHold> list(Long clientId) {
        return clientId == null ? holds.findAllByOrderByPlacedAtDescIdDesc()
                : holds.findByClientIdOrderByPlacedAtDescIdDesc(clientId);
    }

    /** What the retention policy reads: every hold of the client, lifted or not. */
    @Transactional(readOnly = true)
    public List<RetentionPolicy.Hold> facts(long clientId) {
        return holds.findByClientIdOrderByPlacedAtDescIdDesc(clientId).stream().map(BackupHold::fact).toList();
    }
}
