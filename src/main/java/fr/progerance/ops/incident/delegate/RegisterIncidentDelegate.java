package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.DateTimeParameters;
import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.incident.IncidentClocks;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.NewReport;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.TextRules;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RegisterIncident. From the API ({@code IncidentIntake}) the incident is already registered
 * and its number is the business key: the instance claims it, and an incident already handled by an
 * instance is refused, so a direct start with an existing number (REST, Tasklist) cannot skip the
 * intake's checks. From the Tasklist start form the report goes through the same checks as the API
 * (active contract, level, duplicates): it registers a new incident, or is attached to the open one.
 */
@Component("registerIncidentDelegate")
public class RegisterIncidentDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final IncidentClocks clocks;
    private final ContractClock clock;

    public RegisterIncidentDelegate(IncidentService incidents, IncidentClocks clocks, ContractClock clock) {
        this.incidents = incidents;
        this.clocks = clocks;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        String number;
        boolean attached = false;
        try {
            if (businessKey != null && incidents.find(businessKey).isPresent()) {
                number = businessKey;
                incidents.claimForProcess(number, execution.getProcessInstanceId());
            } else {
                IncidentService.Reported reported = incidents.report(fromStartForm(execution),
                        ProcessVariables.text(execution, Vars.REPORTED_BY));
                number = reported.incident().getNumber();
                attached = reported.attached();
                if (!attached) {
                    incidents.claimForProcess(number, execution.getProcessInstanceId());
                }
            }
        } catch (InvalidInputException | ConflictException | org.camunda.bpm.engine.ProcessEngineException e) {
            // Tasklist shows the message on the start form; nothing is registered or started.
            throw new FormRefusal(e.getMessage());
        }
        execution.setProcessBusinessKey(number);
        execution.setVariable(Vars.INCIDENT_NUMBER, number);
        execution.setVariable(Vars.DUPLICATE, attached);
        if (attached) {
            return;
        }
        IncidentService.Context ctx = incidents.context(number);
        var incident = ctx.incident();
        execution.setVariable(Vars.SERVER_ID, incident.getServerId());
        execution.setVariable(Vars.CATEGORY, incident.getCategory().name());
        execution.setVariable(Vars.LEVEL, incident.getServiceLevel());
        execution.setVariable(Vars.SUMMARY, incident.getSummary());
        execution.setVariable(Vars.DETECTED_AT, Date.from(incident.getDetectedAt()));
        execution.setVariable(Vars.INFRASTRUCTURE, incident.getInfrastructure().name());
        execution.setVariable(Vars.SERVER_NAME, ctx.server().getName());
        execution.setVariable(Vars.CLIENT_NAME, ctx.clientName());
        // R4.3-t2: outside business hours on TIERCE, without the contract's prior agreement
        boolean needsAgreement = clocks.needsClientAgreement(incident.getInfrastructure(),
                ctx.contract().isTierceOutOfHoursAgreed(), incident.getDetectedAt());
        execution.setVariable(Vars.NEEDS_CLIENT_AGREEMENT, needsAgreement);
        Instant opening = needsAgreement ? clocks.nextBusinessOpening(clock.instant()) : null;
        if (opening != null) {
            incidents.deferUntil(number, opening);
        }
        execution.setVariable(Vars.NEXT_BUSINESS_OPENING, ProcessVariables.date(opening));
        execution.setVariable(Vars.IMPACTING_ACTIONS_ALLOWED, true);
    }

    /** The Tasklist start form's fields, checked with the same messages as the API. */
    private NewReport fromStartForm(DelegateExecution execution) {
        Long serverId = ProcessVariables.number(execution, Vars.SERVER_ID);
        if (serverId == null) {
            throw new InvalidInputException("serverId", "is required");
        }
        String category = ProcessVariables.text(execution, Vars.CATEGORY);
        IncidentCategory cat;
        try {
            cat = IncidentCategory.valueOf(category == null ? "" : category);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("category", "must be TROUBLESHOOTING or UPDATE");
        }
        Long level = ProcessVariables.number(execution, Vars.LEVEL);
        if (level == null || (level != 1 && level != 2)) {
            throw new InvalidInputException("level", "must be 1 or 2");
        }
        String summary = ProcessVariables.text(execution, Vars.SUMMARY);
        if (summary == null || summary.length() > 500) {
            throw new InvalidInputException("summary", "is required (at most 500 characters)");
        }
        String source = ProcessVariables.text(execution, Vars.SOURCE);
        if (source != null && source.length() > 100) {
            throw new InvalidInputException("source", "has at most 100 characters");
        }
        // Issue 7: one line each, no control characters (as IncidentRequest's @PlainText)
        TextRules.problem(summary, false).ifPresent(problem -> {
            throw new InvalidInputException("summary", problem);
        });
        TextRules.problem(source, false).ifPresent(problem -> {
            throw new InvalidInputException("source", problem);
        });
        Object detected = execution.getVariable(Vars.DETECTED_AT);
        Instant detectedAt = detected instanceof Date d ? d.toInstant()
                : detected == null || detected.toString().isBlank() ? clock.instant()
                : DateTimeParameters.offsetDateTime(Vars.DETECTED_AT, detected.toString()).toInstant();
        return new NewReport(serverId, cat, level.intValue(), summary, source == null ? "tasklist" : source, detectedAt);
    }
}
