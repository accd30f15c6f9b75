package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRole;
import fr.progerance.ops.notify.Mailer;
import fr.progerance.ops.notify.OutgoingMail;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The incident's mails, French first (templates {@code templates/notify/mail/incident-*.txt}).
 * Each has an idempotency key made of the incident number and its purpose, so a retried job never
 * mails twice.
 */
@Component
public class IncidentMails {

    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);

    private final Mailer mailer;
    private final IncidentSettings settings;
    private final ContractClock clock;
    private final IncidentClocks clocks;

    public IncidentMails(Mailer mailer, IncidentSettings settings, ContractClock clock, IncidentClocks clocks) {
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
        this.clocks = clocks;
    }

    /** R4.3-t2: outside business hours nothing is guaranteed on TIERCE without the client's agreement. */
    public void outOfHours(IncidentService.Context ctx, Instant nextOpening) {
        Map<String, Object> model = base(ctx);
        model.put("nextOpening", french(nextOpening));
        send(ctx, "out-of-hours", clientRecipients(ctx), "incident-out-of-hours", model);
    }

    /** R4.2, R3.5: hardware or network incident on TIERCE, routed to the client's hoster. */
    public void hoster(IncidentService.Context ctx) {
        List<String> to = new ArrayList<>(clientRecipients(ctx));
        ctx.contacts().stream().filter(c -> c.getRole() == ContactRole.HOSTER_EMERGENCY && c.getEmail() != null)
                .map(Contact::getEmail).forEach(to::add);
        Map<String, Object> model = base(ctx);
        model.put("hosterName", ctx.server().getHosterName());
        model.put("hosterContacts", ctx.contacts().stream().filter(c -> c.getRole() == ContactRole.HOSTER_EMERGENCY)
                .map(DecisionContacts::label).toList());
        send(ctx, "hoster", to.stream().distinct().toList(), "incident-hoster", model);
    }

    /** A deadline passed: the on-call ops and the managers are told (R4.3-*). */
    public void escalation(IncidentService.Context ctx, String deadline, Instant due) {
        Map<String, Object> model = base(ctx);
        model.put("deadline", deadline);
        model.put("due", french(due));
        send(ctx, deadline + "-breach", List.of(settings.getOnCallOpsAddress(), settings.getManagersAddress()),
                "incident-escalation", model);
    }

    /** R4.3-t5 (2): nobody answered; the predefined emergency procedure is applied. */
    public void procedureApplied(IncidentService.Context ctx, String action, String reason, int round) {
        Map<String, Object> model = base(ctx);
        model.put("action", action);
        model.put("reason", reason);
        model.put("steps", ctx.contract().getProcedureSteps());
        send(ctx, "procedure-" + round, clientRecipients(ctx), "incident-procedure-applied", model);
    }

    /** The closing report: timeline, deadlines, met or not. */
    public void report(IncidentService.Context ctx, List<IncidentEvent> timeline) {
        Incident i = ctx.incident();
        Map<String, Object> model = base(ctx);
        model.put("slaRule", i.getSlaRule());
        model.put("interventionDue", french(i.getInterventionDue()));
        model.put("takenInChargeAt", french(i.getTakenInChargeAt()));
        model.put("interventionMet", !i.isInterventionBreached());
        model.put("restorationDue", french(i.getRestorationDue()));
        model.put("restoredAt", french(i.getRestoredAt()));
        model.put("restorationMet", !i.isRestorationBreached());
        model.put("bestEffort", i.getRestorationDue() == null);
        model.put("cause", i.getCauseCategory() == null ? null : i.getCauseCategory().name());
        model.put("responsibility", i.getResponsibility() == null ? null : i.getResponsibility().name());
        model.put("timeline", timeline.stream().map(e -> french(e.getAt()) + " : " + e.getKind()
                + (e.getDetail() == null ? "" : " (" + e.getDetail().replace('\n', ' ') + ")")).toList());
        send(ctx, "report", clientRecipients(ctx), "incident-report", model);
    }

    /** Who receives what is addressed to the client: the primary contact, else the decision contacts. */
    public static List<String> clientRecipients(IncidentService.Context ctx) {
        List<String> primary = ctx.contacts().stream()
                .filter(c -> c.getRole() == ContactRole.PRIMARY && c.getEmail() != null).map(Contact::getEmail).toList();
        if (!primary.isEmpty()) {
            return primary;
        }
        return DecisionContacts.inOrder(ctx.contacts()).stream().map(Contact::getEmail)
                .filter(e -> e != null).distinct().toList();
    }

    private Map<String, Object> base(IncidentService.Context ctx) {
        Incident i = ctx.incident();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("number", i.getNumber());
        model.put("clientName", ctx.clientName());
        model.put("serverName", ctx.server().getName());
        model.put("shopUrl", ctx.server().getPrestashopUrl());
        model.put("summary", i.getSummary());
        model.put("detectedAt", french(i.getDetectedAt()));
        model.put("infrastructure", i.getInfrastructure().name());
        model.put("level", i.getServiceLevel());
        // R6.8-b: level-2 contracts have an emergency phone outside support hours.
        boolean emergencyPhone = i.getServiceLevel() == 2 && !clocks.isSupportHours(clock.instant());
        model.put("emergencyPhone", emergencyPhone ? settings.getEmergencyPhone() : null);
        return model;
    }

    private void send(IncidentService.Context ctx, String purpose, List<String> to, String template,
            Map<String, Object> model) {
        if (to.isEmpty()) {
            throw new IllegalStateException("Incident " + ctx.incident().getNumber() + ": nobody to mail for '"
                    + purpose + "' (no contact with an email address)");
        }
        mailer.send(OutgoingMail.french("incident:" + ctx.incident().getNumber() + ":" + purpose, to, template, model));
    }

    String french(Instant instant) {
        return instant == null ? null : FRENCH.format(clock.atZone(instant));
    }
}
