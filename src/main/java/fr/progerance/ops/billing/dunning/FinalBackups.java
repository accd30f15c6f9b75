package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.backup.BackupHolds;
import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.BackupProcess;
import fr.progerance.ops.backup.BackupRun;
import fr.progerance.ops.backup.BackupRunRepository;
import fr.progerance.ops.backup.BackupRunStatus;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupTrigger;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * R8.2: the final backup before a suspension, through the backup engine. {@code
 * CallActivity_FinalBackup} calls one {@code Backup} per server and kind of the hosted data (the
 * shop's database and its files: {@link #KINDS}) over the collection {@code
 * ${finalBackupTargets.of(clientId)}}; then {@link #hold} puts the R8.2 hold on what the run records
 * say was saved (never on a variable), or on the latest good snapshot when the final one did not
 * complete in time.
 */
@Component("finalBackupTargets")
public class FinalBackups {

    /** R8.2 "a backup of the hosted data": the shop's database and its files. */
    public static final List<BackupKind> KINDS = List.of(BackupKind.DATABASE, BackupKind.FILES);
    /** Who places the holds (ops_backup_hold.placed_by). */
    static final String PLACED_BY = "InvoiceDunning";

    private static final EnumSet<ContractStatus> SERVED = EnumSet.of(ContractStatus.ACTIVE, ContractStatus.SUSPENDED);

    private final ContractRepository contracts;
    private final ServerRepository servers;
    private final BackupRuns runs;
    private final BackupRunRepository runRecords;
    private final BackupHolds holds;
    private final HistoryService history;

    public FinalBackups(ContractRepository contracts, ServerRepository servers, BackupRuns runs,
            BackupRunRepository runRecords, BackupHolds holds, HistoryService history) {
        this.contracts = contracts;
        this.servers = servers;
        this.runs = runs;
        this.runRecords = runRecords;
        this.holds = holds;
        this.history = history;
    }

    /** The collection of CallActivity_FinalBackup: {@code <serverId>:<KIND>} per served server and kind. */
    @Transactional(readOnly = true)
    public List<String> of(long clientId) {
        List<String> targets = new ArrayList<>();
        for (Server server : servedServers(clientId)) {
            for (BackupKind kind : KINDS) {
                targets.add(server.getId() + ":" + kind.name());
            }
        }
        return targets;
    }

    /** The server of a target ({@code camunda:in} of the call activity). */
    public long serverId(String target) {
        return Long.parseLong(target.substring(0, target.indexOf(':')));
    }

    /** The kind of a target, a {@link BackupKind} name. */
    public String kind(String target) {
        return BackupKind.valueOf(target.substring(target.indexOf(':') + 1)).name();
    }

    /** The trigger of the final backup runs. */
    public String trigger() {
        return BackupTrigger.FINAL_BEFORE_SUSPENSION.name();
    }

    /** The business key of a final run: {@code <serverId>:<KIND>:FINAL_BEFORE_SUSPENSION:<invoice>}. */
    public String businessKey(String target, String invoiceNumber) {
        return target + ":" + trigger() + ":" + invoiceNumber;
    }

    /** What the hold step did for one server and kind. */
    public record Held(long serverId, String serverName, BackupKind kind, String snapshotId, boolean finalRun,
            String problem) {
    }

    /**
     * R8.2: holds, for each served server and kind, the snapshot of the final run this dunning
     * called (found through its Backup instances and their run records), or else the latest good
     * snapshot; a server and kind with neither is reported. Runs in the job's transaction: all holds
     * or none.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Held> hold(String processInstanceId, long clientId, String invoiceNumber) {
        List<BackupRun> finalRuns = new ArrayList<>();
        for (HistoricProcessInstance called : history.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(processInstanceId).processDefinitionKey(BackupProcess.KEY).list()) {
            runs.byProcessInstance(called.getId()).ifPresent(finalRuns::add);
        }
        List<Held> result = new ArrayList<>();
        for (Server server : servedServers(clientId)) {
            for (BackupKind kind : KINDS) {
                Optional<BackupRun> done = finalRuns.stream().filter(r -> r.getServerId() == server.getId()
                        && r.getKind() == kind && r.getSnapshotId() != null).findFirst();
                String note = "R8.2: suspension for non-payment of invoice " + invoiceNumber;
                if (done.isPresent()) {
                    holds.placeSuspensionHold(clientId, done.get().getSnapshotId(), PLACED_BY, note
                            + ", final backup (run " + done.get().getId() + ")");
                    result.add(new Held(server.getId(), server.getName(), kind, done.get().getSnapshotId(), true, null));
                    continue;
                }
                Optional<BackupRun> latest = runRecords.findFirstByServerIdAndKindAndStatusInOrderBySnapshotTimeDesc(
                        server.getId(), kind, List.of(BackupRunStatus.BACKED_UP, BackupRunStatus.MIRRORED));
                if (latest.isPresent()) {
                    holds.placeSuspensionHold(clientId, latest.get().getSnapshotId(), PLACED_BY, note
                            + ", latest good backup (the final one did not complete in time)");
                    result.add(new Held(server.getId(), server.getName(), kind, latest.get().getSnapshotId(), false,
                            "the final backup did not complete in time; the latest good one is held"));
                } else {
                    result.add(new Held(server.getId(), server.getName(), kind, null, false,
                            "no backup at all: nothing could be held"));
                }
            }
        }
        return result;
    }

    private List<Server> servedServers(long clientId) {
        List<Server> served = new ArrayList<>();
        for (Contract contract : contracts.findByClient_IdOrderByIdAsc(clientId)) {
            if (SERVED.contains(contract.getStatus())) {
                served.addAll(servers.findByContract_IdOrderByIdAsc(contract.getId()));
            }
        }
        return served;
    }
}
