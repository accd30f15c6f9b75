package fr.progerance.ops.update.apply;

import fr.progerance.ops.engine.worker.ExternalTaskBpmnError;
import fr.progerance.ops.engine.worker.ExternalTaskHandler;
import fr.progerance.ops.engine.worker.ExternalTaskWork;
import fr.progerance.ops.engine.worker.NonRetryableWork;
import fr.progerance.ops.remote.NonRetryable;
import fr.progerance.ops.update.ShopUpdate;
import fr.progerance.ops.update.UpdateService;
import fr.progerance.ops.update.UpdateSettings;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.apply.ApplyUpdateProcess.Vars;
import fr.progerance.ops.update.shop.UpdateAssistant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task_RunUpdate, topic {@value ApplyUpdateProcess.Topics#RUN} (RD-ps, DESIGN rule 5): the
 * assistant's own backup ({@code backup:create}), then the update ({@code update:start}), each sent at
 * most once per operation key derived from the update id ({@code RemoteOperations}), so a retried
 * attempt resends only what failed. Each attempt first reads the update record: nothing is sent
 * unless it is RUNNING in this instance with its pre-update backup recorded (no update without its
 * backup, whatever the variables say, rule 11). A failure retries ({@code ops.update.apply.run.*});
 * the last one is recorded on the update and ends as the BPMN error {@code UPDATE_FAILED}: the
 * rollback follows. A failure retrying cannot fix (a changed host key, a refused record) is an
 * incident at once.
 */
@Component
public class UpdateRunHandler implements ExternalTaskHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateRunHandler.class);

    /** The update must not run: retrying does not help. */
    static final class UpdateRefused extends IllegalStateException implements NonRetryableWork, NonRetryable {

        private static final long serialVersionUID = 1L;

        UpdateRefused(String message) {
            super(message);
        }
    }

    private final UpdateService updates;
    private final UpdatePorts ports;
    private final UpdateSettings settings;

    public UpdateRunHandler(UpdateService updates, UpdatePorts ports, UpdateSettings settings) {
        this.updates = updates;
        this.ports = ports;
        this.settings = settings;
    }

    @Override
    public String topic() {
        return ApplyUpdateProcess.Topics.RUN;
    }

    @Override
    public List<String> variables() {
        return List.of(Vars.UPDATE_ID);
    }

    @Override
    public Duration lockDuration() {
        return settings.getApply().getRun().getLockDuration();
    }

    @Override
    public int attempts() {
        return settings.getApply().getRun().getAttempts();
    }

    @Override
    public Duration retryTimeout() {
        return settings.getApply().getRun().getRetryTimeout();
    }

    /** The assistant's operation keys: {@code update:<id>:assistant-backup}, {@code update:<id>:start}. */
    static String operationKey(long updateId, String step) {
        return Updates.key(updateId) + ":" + step;
    }

    @Override
    public Map<String, Object> handle(ExternalTaskWork work) {
        long id = work.requiredId(Vars.UPDATE_ID);
        ShopUpdate u = own(updates, id, work);
        if (u.getStatus() != UpdateStatus.RUNNING || u.getBackedUpAt() == null) {
            throw new UpdateRefused("Update " + id + " is " + u.getStatus() + (u.getBackedUpAt() == null
                    ? " without its pre-update backup on record" : "") + ": nothing is sent to the update assistant"
                    + " (no update without its backup, DESIGN rule 11)");
        }
        UpdateAssistant assistant = ports.assistant();
        try {
            String backup = assistant.createBackup(u.getServerId(), operationKey(id, "assistant-backup"));
            updates.assistantBackup(id, backup);
            assistant.startUpdate(u.getServerId(), operationKey(id, "start"));
        } catch (RuntimeException failure) {
            if (!retryable(failure) || attemptsLeftAfter(work) > 0) {
                throw failure;
            }
            String message = "The update assistant failed after " + attempts() + " attempt(s): "
                    + describe(failure);
            updates.updateFailed(id, message);
            LOG.warn("Update {} of server {}: {}; rolling back", id, u.getServerId(), message);
            throw new ExternalTaskBpmnError(ApplyUpdateProcess.Errors.UPDATE_FAILED, message, Map.of());
        }
        LOG.info("Update {} of server {}: the assistant updated {} towards {}", id, u.getServerId(),
                u.getFromVersion(), u.getToVersion());
        return Map.of();
    }

    /**
     * A failure retrying cannot fix (a changed host key, no admin directory in the register, a refused
     * record), anywhere in its causes: an incident at once, and no rollback (nothing was changed).
     */
    @Override
    public boolean retryable(Exception failure) {
        return !nonRetryable(failure);
    }

    static boolean nonRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NonRetryableWork || t instanceof NonRetryable) {
                return true;
            }
        }
        return false;
    }

    /** Attempts left once this one failed: the engine does not count external task retries down. */
    private int attemptsLeftAfter(ExternalTaskWork work) {
        int before = work.retries() == null ? attempts() : work.retries();
        return before - 1;
    }

    /** The record of this instance (an external task of another instance never drives it). */
    static ShopUpdate own(UpdateService updates, long id, ExternalTaskWork work) {
        ShopUpdate u = updates.record(id);
        if (!work.processInstanceId().equals(u.getProcessInstanceId())) {
            throw new UpdateRefused("Update " + id + " belongs to process instance " + u.getProcessInstanceId()
                    + ", not " + work.processInstanceId());
        }
        return u;
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    @Override
    public void onRetriesExhausted(ExternalTaskWork work, Exception failure) {
        long id = work.requiredId(Vars.UPDATE_ID);
        if (failure instanceof UpdateRefused || updates.record(id).getStatus() != UpdateStatus.RUNNING) {
            return; // refused: the record is not this instance's, or not RUNNING
        }
        updates.updateFailed(id, "The update could not run: " + describe(failure));
    }
}
