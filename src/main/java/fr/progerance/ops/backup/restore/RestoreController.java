package fr.progerance.ops.backup.restore;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/servers/{id}/restores}: ops request a restore of a backup point (R3.6-d, R3.6-e);
 * {@code GET /api/restores/{id}}: the restore record (validation, deadline, start, end, met or not).
 */
@RestController
public class RestoreController {

    private final RestoreIntake intake;
    private final RestoreService restores;
    private final ContractClock clock;

    public RestoreController(RestoreIntake intake, RestoreService restores, ContractClock clock) {
        this.intake = intake;
        this.restores = restores;
        this.clock = clock;
    }

    /** The body of {@code POST /api/servers/{id}/restores}. */
    public record RestoreBody(
            @Size(max = 64) @Pattern(regexp = "[0-9a-f]{8,64}",
                    message = "must be a restic snapshot id (8 to 64 hexadecimal digits)") String snapshotId,
            @Size(max = 500) @PlainText(multiLine = true) String reason) {
    }

    /** A restore record as the API shows it. */
    public record RestoreView(long id, String processInstanceId, long serverId, long clientId, String status,
            String kind, String snapshotId, OffsetDateTime snapshotTime, String requestedBy, OffsetDateTime requestedAt,
            String reason, String decisionId, OffsetDateTime validatedAt, String validationChannel,
            String validationRecordedBy, String validationReference, OffsetDateTime dueAt, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, Boolean deadlineMet, String shopCheck, String failure,
            OffsetDateTime confirmedAt, String confirmedBy, OffsetDateTime reportedAt) {
    }

    /** 201 with the restore and its process instance; 400 naming the field; 404 unknown server or snapshot. */
    @PostMapping(path = "/api/servers/{id}/restores", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<RestoreView> request(@PathVariable("id") long serverId, @RequestBody(required = false)
            @Valid RestoreBody body) {
        RestoreBody b = body == null ? new RestoreBody(null, null) : body;
        RestoreIntake.Started started = intake.request(serverId, b.snapshotId(), b.reason());
        return ResponseEntity.created(URI.create("/api/restores/" + started.restore().getId()))
                .body(view(started.restore()));
    }

    @GetMapping("/api/restores/{id}")
    public RestoreView get(@PathVariable long id) {
        return view(restores.get(id));
    }

    RestoreView view(RestoreRequest r) {
        return new RestoreView(r.getId(), r.getProcessInstanceId(), r.getServerId(), r.getClientId(),
                r.getStatus().name(), r.getKind() == null ? null : r.getKind().name(), r.getSnapshotId(),
                at(r.getSnapshotTime()), r.getRequestedBy(), at(r.getRequestedAt()), r.getReason(), r.getDecisionId(),
                at(r.getValidatedAt()), r.getValidationChannel() == null ? null : r.getValidationChannel().name(),
                r.getValidationRecordedBy(), r.getValidationReference(), at(r.getDueAt()), at(r.getStartedAt()),
                at(r.getFinishedAt()), r.getDeadlineMet(), r.getShopCheck(), r.getFailure(), at(r.getConfirmedAt()),
                r.getConfirmedBy(), at(r.getReportedAt()));
    }

    private OffsetDateTime at(Instant instant) {
        return instant == null ? null : clock.atZone(instant);
    }
}
