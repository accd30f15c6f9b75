package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.restore.RestoreDrillProcess.Vars;
import fr.progerance.ops.engine.worker.ExternalTaskHandler;
import fr.progerance.ops.engine.worker.ExternalTaskWork;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Task_RunRestoreDrill, topic {@value RestoreDrillProcess#TOPIC}: every server's latest database
 * snapshot into a scratch database ({@link RestoreDrills}). The external task's id is the run id,
 * so a retried run does not drill a server twice. Drills that do not match are findings (recorded,
 * reported to ops by the next task); a run that cannot work at all retries, then is an incident.
 */
@Component
public class RestoreDrillHandler implements ExternalTaskHandler {

    private final RestoreDrills drills;
    private final RestoreDrillSettings settings;
    private final RestoreMails mails;

    public RestoreDrillHandler(RestoreDrills drills, RestoreDrillSettings settings, RestoreMails mails) {
        this.drills = drills;
        this.settings = settings;
        this.mails = mails;
    }

    @Override
    public String topic() {
        return RestoreDrillProcess.TOPIC;
    }

    @Override
    public List<String> variables() {
        return List.of();
    }

    @Override
    public Duration lockDuration() {
        return settings.getLockDuration();
    }

    @Override
    public int attempts() {
        return settings.getAttempts();
    }

    @Override
    public Duration retryTimeout() {
        return settings.getRetryTimeout();
    }

    @Override
    public Map<String, Object> handle(ExternalTaskWork work) {
        RestoreDrills.Summary summary = drills.runAll(work.taskId());
        return Map.of(Vars.RUN_ID, work.taskId(), Vars.DRILLED, summary.drilled(), Vars.FAILED,
                summary.failures().size());
    }

    @Override
    public void onRetriesExhausted(ExternalTaskWork work, Exception failure) {
        mails.drillFailures(work.taskId(), 0, List.of(failure.getMessage() == null
                ? failure.getClass().getSimpleName() : failure.getMessage()));
    }
}
