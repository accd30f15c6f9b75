package fr.progerance.ops.backup.restore;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.MailTemplates;
import fr.progerance.ops.notify.Mailer;
import fr.progerance.ops.notify.OutgoingMail;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The restore's mails and the French texts clients read, French first (templates
 * {@code templates/notify/mail/restore-*} and {@code templates/notify/text/restore-*}): no
 * client-facing sentence is written in Java. Each mail's idempotency key names the restore and its
 * purpose, so a retried job never mails twice.
 */
@Component
public class RestoreMails {

    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);

    private final Mailer mailer;
    private final MailTemplates templates;
    private final ClientDecisions decisions;
    private final RestoreSettings settings;
    private final RestoreDrillSettings drillSettings;
    private final ContractClock clock;

    public RestoreMails(Mailer mailer, MailTemplates templates, ClientDecisions decisions, RestoreSettings settings,
            RestoreDrillSettings drillSettings, ContractClock clock) {
        this.mailer = mailer;
        this.templates = templates;
        this.decisions = decisions;
        this.settings = settings;
        this.drillSettings = drillSettings;
        this.clock = clock;
    }

    /** R3.6-d, R3.6-e: the French question of the validation link: which server, which backup point. */
    public String validationQuestion(RestoreService.Context ctx) {
        return templates.text("restore-validation-question", base(ctx));
    }

    /** R3.6-e, R3.6-d: what a restore from that point means, and its delay. */
    public String validationDetails(RestoreService.Context ctx) {
        return templates.text("restore-validation-details", base(ctx));
    }

    /** The signed validation link (purpose RESTORE) to the contact who may authorise (R4.3-t4). */
    public void validationRequest(RestoreService.Context ctx, ClientDecision decision, Contact contact) {
        mailer.send(OutgoingMail.french(key(ctx, "validation:" + decision.getId()), List.of(decision.getRecipientEmail()),
                "decision-request", decisionModel(ctx, decision, contact)));
    }

    /** DESIGN rule 12: reminder {@code n} of the validation, with the same links. */
    public void validationReminder(RestoreService.Context ctx, ClientDecision decision, long n) {
        mailer.send(OutgoingMail.french(key(ctx, "validation:" + decision.getId() + ":reminder:" + n),
                List.of(decision.getRecipientEmail()), "decision-reminder", decisionModel(ctx, decision, null)));
    }

    private Map<String, Object> decisionModel(RestoreService.Context ctx, ClientDecision decision, Contact contact) {
        Map<String, Object> model = new LinkedHashMap<>(decisions.mailModel(decision));
        if (contact != null) {
            model.put("recipientName", contact.getName());
        }
        model.put("reference", reference(ctx));
        model.put("noAnswer", templates.text("restore-validation-no-answer", base(ctx)));
        model.put("contextLines", List.of(templates.text("restore-context-server", base(ctx)),
                templates.text("restore-context-backup-point", base(ctx))));
        return model;
    }

    /** The request was closed without a restore (declined or expired): ops are told. */
    public void closed(RestoreService.Context ctx) {
        send(ctx, "closed", List.of(settings.getOpsAddress()), "restore-closed", base(ctx));
    }

    /** The restore stream failed for good: ops are told (the Camunda incident says the same). */
    public void failed(RestoreService.Context ctx, String failure) {
        Map<String, Object> model = base(ctx);
        model.put("failure", failure);
        send(ctx, "failed", List.of(settings.getOpsAddress()), "restore-failed", model);
    }

    /** R3.6-d: the deadline passed before the restore finished: managers and ops. */
    public void escalation(RestoreService.Context ctx) {
        send(ctx, "deadline", Stream.of(settings.getManagersAddress(), settings.getOpsAddress()).distinct().toList(),
                "restore-escalation", base(ctx));
    }

    /** R3.6-d, R3.6-e: the French report to the client, naming the backup point used. */
    public void report(RestoreService.Context ctx, String validator) {
        List<String> to = Stream.concat(Stream.ofNullable(validator), ctx.primaryEmails().stream()).distinct().toList();
        send(ctx, "report", to, "restore-report", base(ctx));
    }

    /** Drills that did not match: ops are told. */
    public void drillFailures(String runId, int drilled, List<String> failures) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("drilled", drilled);
        model.put("failures", failures);
        mailer.send(OutgoingMail.french("restore-drill:" + runId + ":failures", List.of(drillSettings.getOpsAddress()),
                "restore-drill-failures", model));
    }

    private Map<String, Object> base(RestoreService.Context ctx) {
        RestoreRequest r = ctx.restore();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("reference", reference(ctx));
        model.put("clientName", ctx.client().getCompanyName());
        model.put("serverName", ctx.server().getName());
        model.put("shopUrl", ctx.server().getPrestashopUrl());
        model.put("kind", r.getKind() == null ? null : r.getKind().name());
        model.put("snapshotTime", french(r.getSnapshotTime()));
        model.put("snapshotId", r.getSnapshotId() == null ? null : r.getSnapshotId().substring(0, 8));
        model.put("reason", r.getReason());
        model.put("requestedBy", r.getRequestedBy());
        model.put("status", r.getStatus().name());
        model.put("validatedAt", french(r.getValidatedAt()));
        model.put("channel", r.getValidationChannel() == null ? null : r.getValidationChannel().name());
        model.put("validationReference", r.getValidationReference());
        model.put("dueAt", french(r.getDueAt()));
        model.put("startedAt", french(r.getStartedAt()));
        model.put("finishedAt", french(r.getFinishedAt()));
        model.put("deadlineMet", r.getDeadlineMet());
        model.put("failure", r.getFailure());
        return model;
    }

    static String reference(RestoreService.Context ctx) {
        return "RST-" + ctx.restore().getId();
    }

    private void send(RestoreService.Context ctx, String purpose, List<String> to, String template,
            Map<String, Object> model) {
        if (to.isEmpty()) {
            throw new IllegalStateException("Restore " + ctx.restore().getId() + ": nobody to mail for '" + purpose
                    + "' (no contact with an email address)");
        }
        mailer.send(OutgoingMail.french("restore:" + ctx.restore().getId() + ":" + purpose, to, template, model));
    }

    private static String key(RestoreService.Context ctx, String purpose) {
        return "restore:" + ctx.restore().getId() + ":" + purpose;
    }

    String french(Instant instant) {
        return instant == null ? null : FRENCH.format(clock.atZone(instant));
    }
}
