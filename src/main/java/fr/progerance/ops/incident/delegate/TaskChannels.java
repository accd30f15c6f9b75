package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ops forms as channels (DESIGN rule 11): on completion, once {@link IncidentCompletionChecks}
 * accepted what ops entered, a task's listener writes it to the incident's record with the
 * logged-in user. The process then reads the record, never the form's variable. Listeners of the
 * decision and quote tasks live with their delegates.
 */
@Configuration(proxyBeanMethods = false)
public class TaskChannels {

    /** Task_RecordClientAgreement (R4.3-t2): the client's answer, logged by the ops user. */
    @Bean
    TaskListener clientAgreementListener(IncidentService incidents, IdentityService identity) {
        return task -> {
            String number = ProcessVariables.requiredText(task, Vars.INCIDENT_NUMBER);
            Incident incident = incidents.recordAgreement(number, ProcessVariables.flag(task, Vars.CLIENT_AGREES_NOW),
                    requiredUser(identity, task));
            task.getExecution().setVariable(Vars.ACT_NOW_AGREED, incident.getActNowAgreed());
        };
    }

    /** Task_CoordinateWithHoster (R4.2, R3.5): what the coordination gave, in the timeline. */
    @Bean
    TaskListener hosterCoordinationListener(IncidentService incidents, IdentityService identity) {
        return task -> {
            boolean work = ProcessVariables.flag(task, Vars.COMPLEMENTARY_WORK_REQUESTED);
            String notes = ProcessVariables.text(task, Vars.HOSTER_NOTES);
            incidents.record(ProcessVariables.requiredText(task, Vars.INCIDENT_NUMBER),
                    IncidentEvent.Kind.HOSTER_COORDINATED, (work ? "complementary work requested: quote to prepare"
                            : "the hoster handles it") + (notes == null ? "" : " (" + notes + ")"),
                    user(identity, task));
        };
    }

    /** The Tasklist user completing {@code task}: the engine's authentication, else the assignee. */
    static String user(IdentityService identity, DelegateTask task) {
        Authentication who = identity.getCurrentAuthentication();
        return who != null && who.getUserId() != null ? who.getUserId() : task.getAssignee();
    }

    /**
     * Like {@link #user}, for what must name a person (a client's answer logged by phone); the
     * completion check refused a completion without one before it ran.
     */
    static String requiredUser(IdentityService identity, DelegateTask task) {
        String user = user(identity, task);
        if (user == null || user.isBlank()) {
            throw new org.camunda.bpm.engine.ProcessEngineException("No user to name in the record of task "
                    + task.getId());
        }
        return user;
    }
}
