package fr.progerance.ops.billing.suspension;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.ClientRepository;
import fr.progerance.ops.web.NotFoundException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * R8.2: writes the deletion audit records. Each write commits in its own transaction at once,
 * whatever the caller's transaction does afterwards: the record exists before anything is deleted,
 * and each step is recorded as done as soon as it is done (DESIGN rule 13: nothing is recorded as
 * done that was not done).
 */
@Component
public class DeletionAuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(DeletionAuditLog.class);

    private final DeletionAuditRepository audits;
    private final ClientRepository clients;
    private final DeletionHolds holds;
    private final ContractClock clock;
    private final TransactionTemplate own;
    private final TransactionTemplate readOnly;

    public DeletionAuditLog(DeletionAuditRepository audits, ClientRepository clients, DeletionHolds holds,
            ContractClock clock, PlatformTransactionManager transactions) {
        this.audits = audits;
        this.clients = clients;
        this.holds = holds;
        this.clock = clock;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The audit record of an earlier attempt of the same deletion, if it was written. */
    public Optional<DeletionAudit> find(String operationKey) {
        return readOnly.execute(tx -> audits.findByOperationKey(operationKey));
    }

    /**
     * Writes and commits the audit record of a deletion, listing everything it will delete. Under the
     * client's row lock, which placing a hold also takes: a hold placed before is seen here.
     *
     * @throws DeletionHeldException a hold stands on the client (nothing written)
     */
    public DeletionAudit open(RegisteredServices plan, String operationKey, String rule, String localRepository,
            String offsiteName) {
        DeletionAudit audit = own.execute(tx -> {
            clients.findForUpdate(plan.clientId()).orElseThrow(() -> new NotFoundException("Client", plan.clientId()));
            if (holds.held(plan.clientId())) {
                throw new DeletionHeldException(plan.clientId());
            }
            DeletionAudit a = new DeletionAudit(operationKey, rule, plan.clientId(), plan.companyName(),
                    plan.contractReferences(), clock.instant(), DeletionAudit.SYSTEM);
            for (RegisteredServices.ServerRef server : plan.servers()) {
                a.add(DeletionAuditItem.Kind.DATABASE, server, server.databaseName());
                a.add(DeletionAuditItem.Kind.DIRECTORY, server, server.installPath());
            }
            a.add(DeletionAuditItem.Kind.LOCAL_REPOSITORY, null, localRepository);
            a.add(DeletionAuditItem.Kind.OFFSITE_COPY, null, offsiteName);
            return audits.saveAndFlush(a);
        });
        LOG.warn("{}: deletion of client {} ({}) decided, audit record {}: {}", rule, plan.clientId(),
                plan.companyName(), audit.getId(), audit.getItems().stream().map(DeletionAuditItem::describe).toList());
        return audit;
    }

    /** Records one item as deleted, with what the step did. */
    public void done(long auditId, long itemId, String outcome) {
        own.executeWithoutResult(tx -> {
            DeletionAudit audit = audits.findById(auditId).orElseThrow();
            audit.getItems().stream().filter(i -> i.getId() == itemId).findFirst().orElseThrow()
                    .done(outcome, clock.instant());
            audits.saveAndFlush(audit);
        });
    }

    /** Records the deletion as complete: every item is done. */
    public DeletionAudit complete(long auditId) {
        return own.execute(tx -> {
            DeletionAudit audit = audits.findById(auditId).orElseThrow();
            if (audit.getItems().stream().anyMatch(i -> !i.isDone())) {
                throw new IllegalStateException("Deletion audit " + auditId + " has items not done");
            }
            if (audit.getCompletedAt() == null) {
                audit.completed(clock.instant());
            }
            return audits.saveAndFlush(audit);
        });
    }

    /** Every deletion, newest first, or the client's. */
    public List<DeletionAudit> list(Long clientId) {
        return readOnly.execute(tx -> clientId == null ? audits.findAllByOrderByDecidedAtDescIdDesc()
                : audits.findByClientIdOrderByDecidedAtDescIdDesc(clientId));
    }

    /** @throws NotFoundException an unknown audit record (404) */
    public DeletionAudit get(long auditId) {
        return readOnly.execute(tx -> audits.findById(auditId)
                .orElseThrow(() -> new NotFoundException("Deletion", auditId)));
    }
}
