package fr.progerance.ops.update.process;

import fr.progerance.ops.update.UpdateView;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the process of an update record once (DESIGN rule 4: jobs run at least once): MinorUpdate
 * for a MINOR or PATCH update, MajorUpdate for a MAJOR one (R4.0-c), with the business key
 * {@code update:<id>}, unless an instance of that process and business key exists already, running
 * or finished (a finished one is never restarted: its record says how it ended).
 */
@Component
public class UpdateStarter {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateStarter.class);

    private final RuntimeService runtime;
    private final HistoryService history;

    public UpdateStarter(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    /** What {@link #ensureStarted} found or did. */
    public record Started(long updateId, String processKey, String processInstanceId, boolean startedNow) {
    }

    /** The process of {@code update}, started now unless it was already. */
    public Started ensureStarted(UpdateView update) {
        String key = processKey(update);
        String businessKey = UpdateVariables.businessKey(update.id());
        var existing = history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
                .processInstanceBusinessKey(businessKey).orderByProcessInstanceStartTime().asc().list();
        if (!existing.isEmpty()) {
            return new Started(update.id(), key, existing.get(0).getId(), false);
        }
        ProcessInstance pi = runtime.createProcessInstanceByKey(key).businessKey(businessKey)
                .setVariables(Map.of(UpdateVariables.UPDATE_ID, update.id(), UpdateVariables.SERVER_ID,
                        update.serverId()))
                .execute();
        LOG.info("{} started for update {} of server {} ({} -> {}, instance {})", key, update.id(), update.serverId(),
                update.fromVersion(), update.toVersion(), pi.getId());
        return new Started(update.id(), key, pi.getId(), true);
    }

    /** R4.0-c: a major update goes through a quote; every other update is included in the contract (RD-ps). */
    public static String processKey(UpdateView update) {
        return update.kind().needsQuote() ? MajorUpdateProcess.KEY : MinorUpdateProcess.KEY;
    }
}
