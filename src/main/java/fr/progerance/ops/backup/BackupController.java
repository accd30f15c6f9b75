package fr.progerance.ops.backup;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backup API: a server's 3-2-1 status (R3.6-a) and a manual backup, and the holds on snapshots
 * (R8.2, legal holds). Reading is for ops and managers; a manual backup is for ops (the right to
 * start {@code Backup}); holds are placed and lifted by managers.
 */
@RestController
@RequestMapping("/api")
public class BackupController {

    private static final List<String> HOLD_GROUPS = List.of(OpsGroups.MANAGERS, OpsGroups.ADMIN);

    private final BackupStarter starter;
    private final BackupStatusService status;
    private final BackupHolds holds;
    private final BackupRuns runs;
    private final IdentityService identity;
    private final ContractClock clock;

    public BackupController(BackupStarter starter, BackupStatusService status, BackupHolds holds,
            BackupRuns runs, IdentityService identity, ContractClock clock) {
        this.starter = starter;
        this.status = status;
        this.holds = holds;
        this.runs = runs;
        this.identity = identity;
        this.clock = clock;
    }

    /** The body of {@code POST /api/servers/{id}/backups}. */
    public record BackupRequest(@NotNull BackupKind kind) {
    }

    /** What a manual start answers: the run and its process instance (Cockpit). */
    public record StartedBackup(String runId, String processInstanceId, long serverId, BackupKind kind,
            BackupRunStatus status) {
    }

    /** The body of {@code POST /api/backups/holds}: the client, or a server of the client. */
    public record HoldRequest(@Positive Long clientId, @Positive Long serverId,
            @NotBlank @Size(max = 64) @Pattern(regexp = "[0-9a-f]{8,64}", message = "must be a restic snapshot id (8 to 64 hexadecimal digits)") String snapshotId,
            @NotNull HoldReason reason,
            @Size(max = 500) @PlainText(multiLine = true) String note, @NotNull OffsetDateTime until) {
    }

    /** A hold record. */
    public record HoldView(long id, long clientId, String snapshotId, HoldReason reason, String note, String placedBy,
            OffsetDateTime placedAt, OffsetDateTime until, String liftedBy, OffsetDateTime liftedAt, boolean active) {

        static HoldView of(BackupHold h, ContractClock clock) {
            return new HoldView(h.getId(), h.getClientId(), h.getSnapshotId(), h.getReason(), h.getNote(),
                    h.getPlacedBy(), clock.atZone(h.getPlacedAt()), clock.atZone(h.getUntil()), h.getLiftedBy(),
                    h.getLiftedAt() == null ? null : clock.atZone(h.getLiftedAt()),
                    h.fact().activeAt(clock.instant()));
        }
    }

    /** R3.6-a: the server's 3-2-1 status per kind, its snapshots and its latest failures. */
    @GetMapping("/servers/{id}/backups")
    public BackupStatusView status(@PathVariable("id") long serverId) {
        return status.status(serverId);
    }

    /** 202: a manual backup runs; 404 unknown server; 409 a run of that kind is alive; 403 for non-ops. */
    @PostMapping(path = "/servers/{id}/backups", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<StartedBackup> start(@PathVariable("id") long serverId,
            @Valid @RequestBody BackupRequest request) {
        BackupRun run = starter.start(serverId, request.kind(), BackupTrigger.MANUAL);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new StartedBackup(run.getId(),
                run.getProcessInstanceId(), serverId, run.getKind(), run.getStatus()));
    }

    @GetMapping("/backups/holds")
    public List<HoldView> holds(@RequestParam(required = false) Long clientId) {
        return holds.list(clientId).stream().map(h -> HoldView.of(h, clock)).toList();
    }

    /** 201: a manager placed a hold (R8.2, legal); 403 for anyone else. */
    @PostMapping(path = "/backups/holds", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<HoldView> place(@Valid @RequestBody HoldRequest request) {
        String who = manager("place holds on backups");
        if ((request.clientId() == null) == (request.serverId() == null)) {
            throw new InvalidInputException(List.of(new FieldProblem("clientId", "give either clientId or serverId"),
                    new FieldProblem("serverId", "give either clientId or serverId")));
        }
        long clientId = request.clientId() != null ? request.clientId() : runs.clientOf(request.serverId());
        BackupHold hold = holds.place(clientId, request.snapshotId(), request.reason(), request.note(),
                request.until().toInstant(), who);
        return ResponseEntity.created(URI.create("/api/backups/holds/" + hold.getId())).body(HoldView.of(hold, clock));
    }

    /** A manager lifts a hold: who and when are recorded. */
    @PostMapping("/backups/holds/{id}/lift")
    public HoldView lift(@PathVariable("id") long holdId) {
        return HoldView.of(holds.lift(holdId, manager("lift holds on backups")), clock);
    }

    private String manager(String what) {
        Authentication who = identity.getCurrentAuthentication();
        if (who == null || who.getGroupIds() == null || who.getGroupIds().stream().noneMatch(HOLD_GROUPS::contains)) {
            throw new AuthorizationException("Only managers may " + what + " (R8.2)");
        }
        return who.getUserId();
    }
}
