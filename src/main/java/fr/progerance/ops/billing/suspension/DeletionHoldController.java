package fr.progerance.ops.billing.suspension;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * R8.2 deletion holds: a manager stops a suspended client's deletion (dispute, legal request) until
 * lifted. Placing and lifting are for managers only (403 otherwise); reading is for every API user,
 * so ops see why a deletion waits.
 */
@RestController
@RequestMapping("/api/clients/{id}/deletion-holds")
public class DeletionHoldController {

    private final DeletionHoldService holds;
    private final ManagersOnly managers;
    private final ContractClock clock;

    public DeletionHoldController(DeletionHoldService holds, ManagersOnly managers, ContractClock clock) {
        this.holds = holds;
        this.managers = managers;
        this.clock = clock;
    }

    /** The body of {@code POST /api/clients/{id}/deletion-holds}; OTHER needs a note. */
    public record HoldRequest(@NotNull DeletionHoldReason reason,
            @Size(max = 500) @PlainText(multiLine = true) String note) {
    }

    /** A hold record. */
    public record HoldView(long id, long clientId, DeletionHoldReason reason, String note, String placedBy,
            OffsetDateTime placedAt, String liftedBy, OffsetDateTime liftedAt, boolean standing) {

        static HoldView of(DeletionHold h, ContractClock clock) {
            return new HoldView(h.getId(), h.getClientId(), h.getReason(), h.getNote(), h.getPlacedBy(),
                    clock.atZone(h.getPlacedAt()), h.getLiftedBy(),
                    h.getLiftedAt() == null ? null : clock.atZone(h.getLiftedAt()), h.standing());
        }
    }

    /** The client's holds, newest first; 404 unknown client. */
    @GetMapping
    public List<HoldView> list(@PathVariable("id") long clientId) {
        return holds.list(clientId).stream().map(h -> HoldView.of(h, clock)).toList();
    }

    /** 201: a manager placed a hold; 400 naming the field; 403 not a manager; 404 unknown client. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<HoldView> place(@PathVariable("id") long clientId, @Valid @RequestBody HoldRequest request) {
        String who = managers.require("place deletion holds");
        DeletionHold hold = holds.place(clientId, request.reason(), request.note(), who);
        return ResponseEntity.created(URI.create("/api/clients/" + clientId + "/deletion-holds/" + hold.getId()))
                .body(HoldView.of(hold, clock));
    }

    /** A manager lifts a hold; 403 not a manager; 404 unknown client or hold; 409 lifted already. */
    @PostMapping("/{holdId}/lift")
    public HoldView lift(@PathVariable("id") long clientId, @PathVariable("holdId") long holdId) {
        String who = managers.require("lift deletion holds");
        return HoldView.of(holds.lift(clientId, holdId, who), clock);
    }
}
