package fr.progerance.ops.incident;

import fr.progerance.ops.incident.IncidentHandlingProcess.Messages;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.security.OpsGroups;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * R9: managers declare force majeure on an open incident. The record is marked and the incident's
 * process starts its force-majeure branch (SLA timers suspended, a task for managers to lift it),
 * in one transaction.
 */
@Component
public class ForceMajeureDeclaration {

    private static final List<String> ALLOWED = List.of(OpsGroups.MANAGERS, OpsGroups.ADMIN);

    private final IncidentService incidents;
    private final RuntimeService runtime;
    private final IdentityService identity;

    public ForceMajeureDeclaration(IncidentService incidents, RuntimeService runtime, IdentityService identity) {
        this.incidents = incidents;
        this.runtime = runtime;
        this.identity = identity;
    }

    @Transactional
    public Incident declare(String number, String reason) {
        Authentication who = identity.getCurrentAuthentication();
        if (who == null || who.getGroupIds() == null || who.getGroupIds().stream().noneMatch(ALLOWED::contains)) {
            throw new AuthorizationException("Only managers may declare force majeure (R9)");
        }
        Incident incident = incidents.declareForceMajeure(number, reason, who.getUserId());
        // The caller's right was checked above; managers need no write grant on process instances.
        identity.clearAuthentication();
        try {
            runtime.createMessageCorrelation(Messages.FORCE_MAJEURE).processInstanceBusinessKey(number)
                    .setVariable(Vars.FORCE_MAJEURE_REASON, reason).correlate();
        } finally {
            identity.setAuthentication(who);
        }
        return incident;
    }
}
