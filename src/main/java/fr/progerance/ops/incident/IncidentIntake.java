package fr.progerance.ops.incident;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts {@code IncidentHandling} for a report from the API: the incident is registered (or the
 * report attached to the open one) and the process started with the incident number as business
 * key, in one transaction, so the caller gets the number and the take-charge task exists.
 *
 * <p>The process starts as the caller, so Camunda checks their right to start it. A report attached
 * to an open incident starts nothing, and is refused by the same right: whoever may not start
 * {@code IncidentHandling} (managers, monitoring) reports nothing (README, authorization matrix).
 */
@Component
public class IncidentIntake {

    private final IncidentService incidents;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final RepositoryService repository;

    public IncidentIntake(IncidentService incidents, RuntimeService runtime, IdentityService identity,
            RepositoryService repository) {
        this.incidents = incidents;
        this.runtime = runtime;
        this.identity = identity;
        this.repository = repository;
    }

    @Transactional
    public IncidentService.Reported report(NewReport report) {
        Authentication who = identity.getCurrentAuthentication();
        String user = who == null ? null : who.getUserId();
        if (user != null && repository.createProcessDefinitionQuery().processDefinitionKey(IncidentHandlingProcess.KEY)
                .latestVersion().startablePermissionCheck().count() == 0) {
            throw new AuthorizationException("User '" + user + "' may not report incidents: that starts "
                    + IncidentHandlingProcess.KEY + ", which only its starters may do");
        }
        IncidentService.Reported reported = incidents.report(report, user);
        if (!reported.attached()) {
            String number = reported.incident().getNumber();
            // The business key names the registered incident; the instance claims it (and nothing else
            // may: see RegisterIncidentDelegate). The start event's initiator records the user.
            runtime.createProcessInstanceByKey(IncidentHandlingProcess.KEY).businessKey(number).execute();
        }
        return reported;
    }
}
