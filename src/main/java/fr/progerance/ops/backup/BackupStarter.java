package fr.progerance.ops.backup;

import fr.progerance.ops.backup.BackupProcess.Vars;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts {@code Backup} runs: from the schedule (R3.6-b), from ops' manual request, or from
 * another obligation (R8.2 final backup before a suspension). The process instance and its run
 * record are created in one transaction; one run per server and kind is alive at a time.
 *
 * <p>A call from the API starts the process as the caller, so Camunda checks their right to start
 * {@code Backup} (ops; managers and monitoring may not).
 */
@Component
public class BackupStarter {

    private final RuntimeService runtime;
    private final HistoryService history;
    private final RepositoryService repository;
    private final IdentityService identity;
    private final BackupRuns runs;
    private final ContractClock clock;

    public BackupStarter(RuntimeService runtime, HistoryService history, RepositoryService repository,
            IdentityService identity, BackupRuns runs, ContractClock clock) {
        this.runtime = runtime;
        this.history = history;
        this.repository = repository;
        this.identity = identity;
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * Starts a run now.
     *
     * @throws fr.progerance.ops.web.NotFoundException for an unknown server (404)
     * @throws ConflictException when a run of that server and kind is alive (409)
     * @throws AuthorizationException when the caller may not start {@code Backup} (403)
     */
    @Transactional
    public BackupRun start(long serverId, BackupKind kind, BackupTrigger trigger) {
        return start(serverId, kind, trigger, serverId + ":" + kind + ":" + trigger + ":" + clock.instant().toEpochMilli());
    }

    @Transactional
    public BackupRun start(long serverId, BackupKind kind, BackupTrigger trigger, String businessKey) {
        Authentication who = identity.getCurrentAuthentication();
        if (who != null && who.getUserId() != null && repository.createProcessDefinitionQuery()
                .processDefinitionKey(BackupProcess.KEY).latestVersion().startablePermissionCheck().count() == 0) {
            throw new AuthorizationException("User '" + who.getUserId() + "' may not start backups ("
                    + BackupProcess.KEY + " is started by ops)");
        }
        runs.server(serverId);
        if (runs.running(serverId, kind)) {
            throw new ConflictException("A " + kind + " backup of server " + serverId + " is already running",
                    List.of(new FieldProblem("kind", "a " + kind + " backup of this server is already running")));
        }
        ProcessInstance pi = runtime.createProcessInstanceByKey(BackupProcess.KEY).businessKey(businessKey)
                .setVariable(Vars.SERVER_ID, serverId).setVariable(Vars.KIND, kind.name())
                .setVariable(Vars.TRIGGER, trigger.name()).execute();
        try {
            return runs.open(pi.getId(), businessKey, serverId, kind, trigger);
        } catch (DataIntegrityViolationException | IllegalStateException raced) {
            throw new ConflictException("A " + kind + " backup of server " + serverId + " is already running",
                    List.of(new FieldProblem("kind", "a " + kind + " backup of this server is already running")));
        }
    }

    /** The business key of a scheduled run: {@code <serverId>:<kind>:<scheduled date>}. */
    public static String scheduledKey(long serverId, BackupKind kind, LocalDate date) {
        return serverId + ":" + kind.name() + ":" + date;
    }

    /**
     * R3.6-b: the scheduled run of one server, kind and date, unless it was already started (a
     * retried timer job) or a run of that server and kind is still alive.
     *
     * @return whether a run was started
     */
    @Transactional
    public boolean startScheduled(long serverId, BackupKind kind, LocalDate date) {
        String key = scheduledKey(serverId, kind, date);
        boolean started = history.createHistoricProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY)
                .processInstanceBusinessKey(key).count() > 0;
        if (started || runs.running(serverId, kind)) {
            return false;
        }
        start(serverId, kind, BackupTrigger.SCHEDULE, key);
        return true;
    }
}
