package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRole;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.MailTemplates;
import fr.progerance.ops.notify.Mailer;
import fr.progerance.ops.notify.OutgoingMail;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The incident's mails and the French texts clients read, French first (templates
 * {@code templates/notify/mail/incident-*.txt} and {@code templates/notify/text/incident-*.txt}):
 * no client-facing sentence is written in Java. Each mail has an idempotency key made of the
 * incident number and its purpose, so a retried job never mails twice.
 */
@Component
public class IncidentMails {

    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);

    private final Mailer mailer;
    private final MailTemplates templates;
    private final ClientDecisions decisions;
    private final IncidentSettings settings;
    private final ContractClock clock;
    private final IncidentClocks clocks;

    public IncidentMails(Mailer mailer, MailTemplates templates, ClientDecisions decisions, IncidentSettings settings,
            ContractClock clock, IncidentClocks clocks) {
        this.mailer = mailer;
        this.templates = templates;
        this.decisions = decisions;
        this.settings = settings;
        this.clock = clock;
        this.clocks = clocks;
    }

    /** An action put to the client (R4.3-t3): ops' choice in Task_ChooseRemediation. */
    public record ActionQuestion(String action, String description, BigDecimal estimatedCost) {
    }

    /** The action in French: its kind and ops' description. */
    public String actionText(ActionQuestion q) {
        return templates.text("incident-action", Map.of("action", q.action() == null ? "" : q.action(),
                "description", q.description() == null ? "" : q.description()));
    }

    /** The French question of a decision link (R4.3-t3), shown in the mail and on the decision page. */
    public String actionQuestion(IncidentService.Context ctx, ActionQuestion q) {
        Map<String, Object> model = base(ctx);
        model.put("actionText", actionText(q));
        model.put("cost", q.estimatedCost() == null ? null : q.estimatedCost().toPlainString());
        return templates.text("incident-action-question", model);
    }

    /** The context of a decision link: which incident. */
    public String actionDetails(IncidentService.Context ctx) {
        return templates.text("incident-action-details", base(ctx));
    }

    /** R4.3-t3, R4.3-t5: the signed decision link to a contact who may decide. */
    public void decisionRequest(IncidentService.Context ctx, ClientDecision decision, Contact contact, boolean last,
            boolean emergencyReady) {
        Map<String, Object> model = new LinkedHashMap<>(decisions.mailModel(decision));
        model.put("recipientName", contact.getName());
        model.put("reference", ctx.incident().getNumber());
        model.put("noAnswer", templates.text("incident-action-no-answer", Map.of("last", last, "ready",
                emergencyReady, "minutes", settings.getAcknowledgementTimeout().toMinutes())));
        mailer.send(OutgoingMail.french("incident:" + ctx.incident().getNumber() + ":decision:" + decision.getId(),
                List.of(contact.getEmail()), "decision-request", model));
    }

    /**
     * R4.3-t4, R4.3-t5 (1): a contact who may not authorise is asked to pass the request on to a
     * person who may; no link, their answer would not count.
     */
    public void decisionRelay(IncidentService.Context ctx, ActionQuestion q, Contact contact, String round) {
        Map<String, Object> model = base(ctx);
        model.put("recipientName", contact.getName());
        model.put("actionText", actionText(q));
        model.put("authorised", ctx.contacts().stream().filter(Contact::isMayAuthorise).map(Contact::getName).toList());
        model.put("supportPhone", settings.getEmergencyPhone());
        mailer.send(OutgoingMail.french("incident:" + ctx.incident().getNumber() + ":relay:" + round + ":"
                + contact.getId(), List.of(contact.getEmail()), "incident-decision-relay", model));
    }

    /** RD-extra: the question of a complementary-work quote. */
    public String quoteQuestion(IncidentService.Context ctx, BigDecimal amount, String description) {
        Map<String, Object> model = base(ctx);
        model.put("amount", amount.toPlainString());
        model.put("description", description);
        return templates.text("incident-quote-question", model);
    }

    /** RD-extra, R3.5: why the quote is needed. */
    public String quoteDetails(IncidentService.Context ctx) {
        Map<String, Object> model = base(ctx);
        model.put("hosterName", ctx.server().getHosterName());
        return templates.text("incident-quote-details", model);
    }

    /** RD-extra: the quote's signed link to the client. */
    public void quoteRequest(IncidentService.Context ctx, ClientDecision decision) {
        Map<String, Object> model = new LinkedHashMap<>(decisions.mailModel(decision));
        model.put("noAnswer", templates.text("incident-quote-no-answer", base(ctx)));
        model.put("reference", ctx.incident().getNumber());
        mailer.send(OutgoingMail.french("incident:" + ctx.incident().getNumber() + ":quote:" + decision.getId(),
                List.of(decision.getRecipientEmail()), "decision-request", model));
    }

    /** DESIGN rule 12: reminder {@code n} of an unanswered quote, with the same links. */
    public void quoteReminder(IncidentService.Context ctx, ClientDecision decision, long n) {
        Map<String, Object> model = new LinkedHashMap<>(decisions.mailModel(decision));
        model.put("noAnswer", templates.text("incident-quote-no-answer", base(ctx)));
        model.put("reference", ctx.incident().getNumber());
        mailer.send(OutgoingMail.french("incident:" + ctx.incident().getNumber() + ":quote:" + decision.getId()
                + ":reminder:" + n, List.of(decision.getRecipientEmail()), "decision-reminder", model));
    }

    /** RD-extra: the quote expired unanswered; what the mail said happens, happens. */
    public void quoteExpired(IncidentService.Context ctx, ClientDecision decision) {
        Map<String, Object> model = base(ctx);
        model.put("question", decision.getQuestion());
        model.put("hosterName", ctx.server().getHosterName());
        send(ctx, "quote-expired:" + decision.getId(), List.of(decision.getRecipientEmail()), "incident-quote-expired",
                model);
    }

    /** R4.2, DESIGN rule 12: reminder {@code n} to the hoster while the incident is not restored. */
    public void hosterReminder(IncidentService.Context ctx, long n) {
        List<String> to = new ArrayList<>(hosterRecipients(ctx));
        to.addAll(clientRecipients(ctx));
        to.add(settings.getOnCallOpsAddress());
        Map<String, Object> model = base(ctx);
        model.put("hosterName", ctx.server().getHosterName());
        model.put("reminder", n);
        send(ctx, "hoster-reminder-" + n, to.stream().distinct().toList(), "incident-hoster-reminder", model);
    }

    private static List<String> hosterRecipients(IncidentService.Context ctx) {
        return ctx.contacts().stream().filter(c -> c.getRole() == ContactRole.HOSTER_EMERGENCY && c.getEmail() != null)
                .map(Contact::getEmail).toList();
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
        to.addAll(hosterRecipients(ctx));
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
    public void procedureApplied(IncidentService.Context ctx, ActionQuestion q, String reason, int round) {
        Map<String, Object> model = base(ctx);
        model.put("action", actionText(q));
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
