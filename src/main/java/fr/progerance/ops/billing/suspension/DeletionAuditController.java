package fr.progerance.ops.billing.suspension;

import fr.progerance.ops.calendar.ContractClock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * R8.2: the deletion audit records, for managers (403 for anyone else): what was deleted, for whom,
 * when and under which rule. They are never changed or deleted through the API.
 */
@RestController
@RequestMapping("/api/deletions")
public class DeletionAuditController {

    private final DeletionAuditLog audits;
    private final ManagersOnly managers;
    private final ContractClock clock;

    public DeletionAuditController(DeletionAuditLog audits, ManagersOnly managers, ContractClock clock) {
        this.audits = audits;
        this.managers = managers;
        this.clock = clock;
    }

    /** One deletion in a list. */
    public record DeletionSummary(long id, long clientId, String companyName, String rule, OffsetDateTime decidedAt,
            OffsetDateTime completedAt, int items, int itemsDone) {
    }

    /** One deletion with everything it deleted. */
    public record DeletionView(long id, long clientId, String companyName, List<String> contractReferences,
            String rule, String operationKey, String decidedBy, OffsetDateTime decidedAt, OffsetDateTime completedAt,
            List<ItemView> items) {
    }

    /** One thing deleted (or to delete, while {@code doneAt} is null). */
    public record ItemView(int position, DeletionAuditItem.Kind kind, Long serverId, String serverName,
            String serverAddress, String infrastructure, String target, OffsetDateTime doneAt, String outcome) {
    }

    /** Every deletion, newest first; {@code clientId} keeps one client's. */
    @GetMapping
    public List<DeletionSummary> list(@RequestParam(required = false) Long clientId) {
        managers.require("read the deletion audit");
        return audits.list(clientId).stream().map(a -> new DeletionSummary(a.getId(), a.getClientId(),
                a.getCompanyName(), a.getRule(), clock.atZone(a.getDecidedAt()), at(a.getCompletedAt()),
                a.getItems().size(), (int) a.getItems().stream().filter(DeletionAuditItem::isDone).count())).toList();
    }

    /** One deletion; 404 unknown. */
    @GetMapping("/{id}")
    public DeletionView get(@PathVariable("id") long id) {
        managers.require("read the deletion audit");
        DeletionAudit a = audits.get(id);
        return new DeletionView(a.getId(), a.getClientId(), a.getCompanyName(), a.getContractReferences(), a.getRule(),
                a.getOperationKey(), a.getDecidedBy(), clock.atZone(a.getDecidedAt()), at(a.getCompletedAt()),
                a.getItems().stream().map(i -> new ItemView(i.getPosition(), i.getKind(), i.getServerId(),
                        i.getServerName(), i.getServerAddress(),
                        i.getInfrastructure() == null ? null : i.getInfrastructure().name(), i.getTarget(),
                        at(i.getDoneAt()), i.getOutcome())).toList());
    }

    private OffsetDateTime at(java.time.Instant instant) {
        return instant == null ? null : clock.atZone(instant);
    }
}
