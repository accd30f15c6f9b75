package fr.progerance.ops.update.apply;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.notify.Mailer;
import fr.progerance.ops.notify.OutgoingMail;
import fr.progerance.ops.update.ShopUpdate;
import fr.progerance.ops.update.UpdateService;
import fr.progerance.ops.update.UpdateSettings;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.Updates;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * ApplyUpdate's mails, French first (templates {@code templates/notify/mail/update-*}): no
 * client-facing sentence is written in Java. Each mail's idempotency key names the update and its
 * purpose, so a retried job never mails twice. The content comes from the update record.
 */
@Component
public class UpdateMails {

    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);

    private final Mailer mailer;
    private final UpdateSettings settings;
    private final UpdateDeadlines deadlines;
    private final ContractClock clock;

    public UpdateMails(Mailer mailer, UpdateSettings settings, UpdateDeadlines deadlines, ContractClock clock) {
        this.mailer = mailer;
        this.settings = settings;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** RD-ps: the client is told the window before it opens. */
    public void before(UpdateService.Context ctx) {
        toClient(ctx, "before", "update-before");
    }

    /** After the work: done, rolled back or not done, as the record says (DESIGN rule 11). */
    public void after(UpdateService.Context ctx) {
        UpdateStatus status = ctx.update().getStatus();
        switch (status) {
            case DONE -> toClient(ctx, "after", "update-done");
            case ROLLED_BACK -> {
                toClient(ctx, "after", "update-rolled-back");
                toOps(ctx, "ops-rolled-back", "update-ops-rolled-back", false);
            }
            case NOT_DONE -> {
                toClient(ctx, "after", "update-not-done");
                toOps(ctx, "ops-not-run", "update-ops-not-run", false);
            }
            default -> throw new IllegalStateException("Update " + ctx.update().getId() + " is " + status
                    + ": nothing to tell the client yet");
        }
    }

    /** The rollback failed for good: ops act on the incident. */
    public void rollbackFailed(UpdateService.Context ctx) {
        toOps(ctx, "ops-failed", "update-ops-failed", false);
    }

    /** R4.3-p2: the work passed its time limit: ops and managers. */
    public void timeLimitPassed(UpdateService.Context ctx) {
        toOps(ctx, "ops-time-limit", "update-ops-time-limit", true);
    }

    private void toClient(UpdateService.Context ctx, String purpose, String template) {
        List<String> to = ctx.primaryEmails();
        if (to.isEmpty()) {
            throw new IllegalStateException("Update " + ctx.update().getId() + ": client " + ctx.client().getCompanyName()
                    + " has no primary contact with an email address to tell about the update (" + purpose
                    + "); add one in the register, then retry");
        }
        mailer.send(OutgoingMail.french(key(ctx, purpose), to, template, base(ctx)));
    }

    private void toOps(UpdateService.Context ctx, String purpose, String template, boolean managersToo) {
        List<String> to = Stream.concat(Stream.of(settings.getApply().getOpsAddress()),
                managersToo ? Stream.of(settings.getApply().getManagersAddress()) : Stream.empty()).distinct().toList();
        mailer.send(OutgoingMail.french(key(ctx, purpose), to, template, base(ctx)));
    }

    Map<String, Object> base(UpdateService.Context ctx) {
        ShopUpdate u = ctx.update();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("reference", reference(u.getId()));
        model.put("clientName", ctx.client().getCompanyName());
        model.put("serverName", ctx.server().getName());
        model.put("shopUrl", ctx.server().getPrestashopUrl());
        model.put("progerance", ctx.server().getInfrastructure() == Infrastructure.PROGERANCE);
        model.put("fromVersion", u.getFromVersion());
        model.put("toVersion", u.getToVersion());
        model.put("kind", u.getKind().name());
        model.put("security", u.isSecurity());
        model.put("windowStart", french(u.getWindowStart()));
        model.put("windowEnd", french(u.getWindowEnd()));
        model.put("timeLimit", u.getWindowStart() == null ? null : french(deadlines.timeLimit(u, ctx.server())));
        model.put("windowTimeLimit", hours(settings.getWindowTimeLimit()));
        model.put("status", u.getStatus().name());
        model.put("versionAfter", u.getVersionAfter());
        model.put("verification", u.getVerification());
        model.put("failure", u.getFailure());
        model.put("rollbackReport", u.getRollbackReport());
        model.put("assistantBackup", u.getAssistantBackup());
        model.put("reason", u.getReason());
        model.put("finishedAt", french(u.getFinishedAt()));
        return model;
    }

    /** The reference clients and ops read: {@code MAJ-<id>}. */
    static String reference(long updateId) {
        return "MAJ-" + updateId;
    }

    private static String key(UpdateService.Context ctx, String purpose) {
        return Updates.key(ctx.update().getId()) + ":" + purpose;
    }

    String french(Instant instant) {
        return instant == null ? null : FRENCH.format(clock.atZone(instant));
    }

    /** {@code 2 h}, {@code 1 h 30}. */
    static String hours(Duration d) {
        long minutes = d.toMinutesPart();
        return d.toHours() + " h" + (minutes == 0 ? "" : " " + String.format(Locale.ROOT, "%02d", minutes));
    }
}
