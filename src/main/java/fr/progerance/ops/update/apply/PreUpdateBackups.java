package fr.progerance.ops.update.apply;

import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.BackupProcess;
import fr.progerance.ops.backup.BackupRun;
import fr.progerance.ops.backup.BackupRunStatus;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupTrigger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * No update without its backup: {@code CallActivity_PreUpdateBackup} calls one {@code Backup} per
 * kind of the shop's data ({@link #KINDS}: its database and its files) of the update's server, trigger
 * {@link BackupTrigger#BEFORE_CHANGE}, over {@code ${preUpdateBackups.kinds()}}; then {@link #of}
 * finds what they saved through this instance's called Backup instances and their run records (DESIGN
 * rule 11, as {@code billing.dunning.FinalBackups} does for R8.2), never through a variable.
 */
@Component("preUpdateBackups")
public class PreUpdateBackups {

    /** What the rollback puts back: the shop's database and its files (the update changes both). */
    public static final List<BackupKind> KINDS = List.of(BackupKind.DATABASE, BackupKind.FILES);

    private static final EnumSet<BackupRunStatus> SAVED = EnumSet.of(BackupRunStatus.BACKED_UP,
            BackupRunStatus.MIRRORED);

    private final HistoryService history;
    private final BackupRuns runs;

    public PreUpdateBackups(HistoryService history, BackupRuns runs) {
        this.history = history;
        this.runs = runs;
    }

    /** The collection of the call activity: the kinds' names. */
    public List<String> kinds() {
        return KINDS.stream().map(BackupKind::name).toList();
    }

    /** The trigger of the pre-update runs. */
    public String trigger() {
        return BackupTrigger.BEFORE_CHANGE.name();
    }

    /** The business key of a pre-update run: {@code <serverId>:<KIND>:BEFORE_CHANGE:update-<id>}. */
    public String businessKey(long serverId, String kind, long updateId) {
        return serverId + ":" + BackupKind.valueOf(kind).name() + ":" + trigger() + ":update-" + updateId;
    }

    /** The pre-update backup of an update: one saved run per kind. */
    public record Saved(BackupRun database, BackupRun files) {
    }

    /**
     * The runs the Backup instances called by {@code processInstanceId} recorded for {@code serverId},
     * when both kinds were saved (a verified snapshot, BACKED_UP or MIRRORED) under this update's
     * business key; empty otherwise.
     */
    public Optional<Saved> of(String processInstanceId, long serverId, long updateId) {
        List<BackupRun> found = called(processInstanceId);
        BackupRun database = saved(found, serverId, BackupKind.DATABASE, updateId);
        BackupRun files = saved(found, serverId, BackupKind.FILES, updateId);
        return database == null || files == null ? Optional.empty() : Optional.of(new Saved(database, files));
    }

    /** What the update's pre-update runs recorded, per kind, for ops: {@code DATABASE: MIRRORED; FILES: RUNNING (failure...)}. */
    public String describe(String processInstanceId, long serverId, long updateId) {
        List<BackupRun> found = called(processInstanceId);
        List<String> parts = new ArrayList<>();
        for (BackupKind kind : KINDS) {
            BackupRun run = found.stream().filter(r -> r.getServerId() == serverId && r.getKind() == kind
                    && businessKey(serverId, kind.name(), updateId).equals(r.getBusinessKey())).findFirst().orElse(null);
            parts.add(kind + ": " + (run == null ? "no run recorded" : run.getStatus()
                    + (run.getFailureMessage() == null ? "" : " (" + run.getFailedStep() + ": " + run.getFailureMessage()
                            + ")")));
        }
        return "Pre-update backup runs: " + String.join("; ", parts) + ".";
    }

    private List<BackupRun> called(String processInstanceId) {
        List<BackupRun> found = new ArrayList<>();
        for (HistoricProcessInstance called : history.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(processInstanceId).processDefinitionKey(BackupProcess.KEY).list()) {
            runs.byProcessInstance(called.getId()).ifPresent(found::add);
        }
        return found;
    }

    private BackupRun saved(List<BackupRun> found, long serverId, BackupKind kind, long updateId) {
        return found.stream().filter(r -> r.getServerId() == serverId && r.getKind() == kind
                && r.getTrigger() == BackupTrigger.BEFORE_CHANGE && SAVED.contains(r.getStatus())
                && r.getSnapshotId() != null && businessKey(serverId, kind.name(), updateId).equals(r.getBusinessKey()))
                .findFirst().orElse(null);
    }
}
