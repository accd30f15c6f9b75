package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.RemediationAction;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.ServerDiagnosis;
import fr.progerance.ops.contract.ShopCheck;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteOperations;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Remediation: the ops choice, its checks, the remote action run once, and the shop check after it. */
@Configuration(proxyBeanMethods = false)
public class RemediationDelegates {

    /**
     * On completion of Task_ChooseRemediation (checked by {@link IncidentCompletionChecks}): the
     * completed task's id becomes the operation key of the remote action it asked for.
     */
    @Bean
    TaskListener remediationChoiceListener() {
        return task -> task.getExecution().setVariable(Vars.REMEDIATION_CHOICE, task.getId());
    }

    /**
     * Task_RunRemediation: an allowed action as an SSH command template, run once per ops choice
     * (DESIGN rule 4): a retry after a lost commit finds the operation record and does not restart or
     * reboot a second time. A non-zero exit status fails the job (DESIGN rule 13).
     */
    @Bean
    JavaDelegate runRemediationDelegate(IncidentService incidents, RemoteOperations remote) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            RemediationAction action = ProcessVariables.choice(execution, Vars.REMEDIATION_ACTION, RemediationAction.class);
            var target = ServerDiagnosis.target(incidents.context(number).server());
            String key = "incident:" + number + ":remediation:"
                    + ProcessVariables.requiredText(execution, Vars.REMEDIATION_CHOICE);
            RemoteOperations.Outcome outcome = switch (action) {
                case RESTART_SERVICE -> remote.runOnce(key, target, CommandTemplate.RESTART_SERVICE,
                        ProcessVariables.requiredText(execution, Vars.SERVICE_NAME));
                case REBOOT_SERVER -> remote.runOnce(key, target, CommandTemplate.REBOOT);
                default -> throw new ProcessEngineException("Task_RunRemediation cannot run " + action);
            };
            String text = action + (action == RemediationAction.RESTART_SERVICE
                    ? " " + execution.getVariable(Vars.SERVICE_NAME) : "") + ": " + outcome.describe();
            incidents.record(number, IncidentEvent.Kind.REMEDIATION_RUN, text, null);
            execution.setVariable(Vars.REMEDIATION_RESULT, text);
        };
    }

    /** Task_CheckServiceAnswers: the shop's HTTP answer, shown to ops before they confirm. */
    @Bean
    JavaDelegate checkServiceDelegate(IncidentService incidents, ShopCheck shop) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            ShopCheck.Answer answer = shop.check(incidents.context(number).server());
            incidents.record(number, IncidentEvent.Kind.SERVICE_CHECKED, answer.describe(), null);
            execution.setVariable(Vars.SERVICE_ANSWERS, answer.answers());
            execution.setVariable(Vars.SERVICE_CHECK, answer.describe());
        };
    }
}
