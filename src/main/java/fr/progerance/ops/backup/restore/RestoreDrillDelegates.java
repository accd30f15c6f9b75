package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.restore.RestoreDrillProcess.Vars;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of {@code RestoreDrill}. */
@Configuration(proxyBeanMethods = false)
public class RestoreDrillDelegates {

    /** Task_ReportDrillFailures: ops get the drills that did not match, from the records. */
    @Bean
    JavaDelegate reportDrillFailuresDelegate(RestoreDrillRepository drills, RestoreMails mails) {
        return execution -> {
            String runId = (String) execution.getVariable(Vars.RUN_ID);
            var rows = drills.findByRunIdOrderByIdAsc(runId);
            mails.drillFailures(runId, rows.size(), rows.stream().filter(d -> !d.isMatched())
                    .map(d -> "server " + d.getServerId() + ", snapshot " + d.getSnapshotId().substring(0, 8) + ": "
                            + d.getFailure()).toList());
        };
    }
}
