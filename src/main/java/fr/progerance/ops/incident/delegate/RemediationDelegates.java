package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.RemediationAction;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.IncidentSettings;
import fr.progerance.ops.incident.ServerDiagnosis;
import fr.progerance.ops.incident.ShopCheck;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteExecutor;
import java.math.BigDecimal;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Remediation: the ops choice, its checks, the SSH templates, and the shop check after it. */
@Configuration(proxyBeanMethods = false)
public class RemediationDelegates {

    /**
     * Checks Task_ChooseRemediation's form on completion; a refusal keeps the task open and
     * Tasklist shows the message (Camunda's REST API answers it as 400).
     */
    @Bean
    TaskListener remediationChoiceValidator(IncidentSettings settings) {
        return task -> validate(task, settings);
    }

    static void validate(DelegateTask task, IncidentSettings settings) {
        RemediationAction action = ProcessVariables.choice(task, Vars.REMEDIATION_ACTION, RemediationAction.class);
        if (action == null) {
            throw new BadUserRequestException("Choose a remediation (" + Vars.REMEDIATION_ACTION + ")");
        }
        if (settings.getImpactingActions().contains(action) && !ProcessVariables.flag(task, Vars.IMPACTING_ACTIONS_ALLOWED)) {
            throw new BadUserRequestException(action + " has an impact on the infrastructure: R4.3-t5 (3) allows only"
                    + " actions without impact until the client validates (" + ProcessVariables.text(task,
                    Vars.DECISION_REASON) + ")");
        }
        switch (action) {
            case RESTART_SERVICE -> {
                String service = ProcessVariables.text(task, Vars.SERVICE_NAME);
                if (service == null || !settings.getAllowedServices().contains(service)) {
                    throw new BadUserRequestException("Service to restart: choose one of "
                            + settings.getAllowedServices() + " (got '" + service + "')");
                }
            }
            case CLIENT_DECISION -> {
                if (ProcessVariables.text(task, Vars.DECISION_ACTION) == null) {
                    throw new BadUserRequestException("Say which action needs the client's decision ("
                            + Vars.DECISION_ACTION + ")");
                }
                if (ProcessVariables.text(task, Vars.DECISION_DESCRIPTION) == null) {
                    throw new BadUserRequestException("Describe the action for the client (" + Vars.DECISION_DESCRIPTION + ")");
                }
                BigDecimal cost = ProcessVariables.decimal(task, Vars.ESTIMATED_COST);
                if (cost == null || cost.signum() < 0) {
                    throw new BadUserRequestException("Give the estimated cost excluding tax, 0 or more ("
                            + Vars.ESTIMATED_COST + "): the emergency budget is compared with it (R4.3-t4)");
                }
            }
            default -> {
                // REBOOT_SERVER and NO_ACTION need nothing more
            }
        }
    }

    /** Task_RunRemediation: an allowed action as an SSH command template; no free text reaches a shell. */
    @Bean
    JavaDelegate runRemediationDelegate(IncidentService incidents, RemoteExecutor remote) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            RemediationAction action = ProcessVariables.choice(execution, Vars.REMEDIATION_ACTION, RemediationAction.class);
            var server = incidents.context(number).server();
            CommandResult result = switch (action) {
                case RESTART_SERVICE -> remote.run(ServerDiagnosis.target(server), CommandTemplate.RESTART_SERVICE,
                        ProcessVariables.requiredText(execution, Vars.SERVICE_NAME));
                case REBOOT_SERVER -> remote.run(ServerDiagnosis.target(server), CommandTemplate.REBOOT);
                default -> throw new ProcessEngineException("Task_RunRemediation cannot run " + action);
            };
            String text = action + (action == RemediationAction.RESTART_SERVICE
                    ? " " + execution.getVariable(Vars.SERVICE_NAME) : "") + ": exit status " + result.exitStatus()
                    + (result.stderr() == null || result.stderr().isBlank() ? "" : ", " + result.stderr().strip());
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
