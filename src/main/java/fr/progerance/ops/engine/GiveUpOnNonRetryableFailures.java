package fr.progerance.ops.engine;

import fr.progerance.ops.remote.NonRetryable;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * Failures that retrying cannot fix (a changed SSH host key is a security event, DESIGN rule 8)
 * become a Camunda incident at once, with the failure's message, instead of a silent retry loop.
 * Every other failure follows the task's {@code failedJobRetryTimeCycle}.
 */
@Component
public class GiveUpOnNonRetryableFailures extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(new Factory(new DefaultFailedJobCommandFactory()));
    }

    static boolean nonRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NonRetryable) {
                return true;
            }
        }
        return false;
    }

    static final class Factory implements FailedJobCommandFactory {

        private final FailedJobCommandFactory standard;

        Factory(FailedJobCommandFactory standard) {
            this.standard = standard;
        }

        @Override
        public Command<Object> getCommand(String jobId, Throwable exception) {
            return nonRetryable(exception) ? new GiveUp(jobId, exception) : standard.getCommand(jobId, exception);
        }
    }

    /** Records the failure on the job and sets its retries to 0, which raises the incident. */
    static final class GiveUp extends JobRetryCmd {

        GiveUp(String jobId, Throwable exception) {
            super(jobId, exception);
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity job = getJob();
            if (job == null) {
                return null;
            }
            job.unlock();
            logException(job);
            job.setRetries(0);
            notifyAcquisition(commandContext);
            return null;
        }
    }
}
