package fr.progerance.ops.update.process;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.notify.MailTemplates;
import fr.progerance.ops.notify.Mailer;
import fr.progerance.ops.notify.OutgoingMail;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.process.UpdateContexts.UpdateContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The update processes' mails and French texts (templates {@code templates/notify/mail/update-overdue}
 * and {@code templates/notify/text/update-major-quote-*}): no French sentence is written in Java.
 * Each mail's idempotency key names the update and its purpose, so a retried job never mails twice.
 */
@Component
public class UpdateProcessMails {

    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);

    private final Mailer mailer;
    private final MailTemplates templates;
    private final UpdateProcessSettings settings;
    private final ContractClock clock;

    public UpdateProcessMails(Mailer mailer, MailTemplates templates, UpdateProcessSettings settings, ContractClock clock) {
        this.mailer = mailer;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
    }

    /** R4.0-c: the quote's French title, "Mise à jour majeure de PrestaShop X vers Y". */
    public String majorQuoteTitle(UpdateView u) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("fromVersion", u.fromVersion());
        model.put("toVersion", u.toVersion());
        return templates.text("update-major-quote-title", model);
    }

    /** R4.0-c: what happens without the client's approval (QuoteApproval's quoteNoAnswer), in French. */
    public String majorQuoteNoAnswer(UpdateView u) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("fromVersion", u.fromVersion());
        model.put("toVersion", u.toVersion());
        return templates.text("update-major-quote-no-answer", model);
    }

    /** R4.0-b: the minor update passed its due date: managers, ops in copy. */
    public void overdue(UpdateContext ctx) {
        UpdateView u = ctx.update();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("reference", reference(u));
        model.put("clientName", ctx.server().clientName());
        model.put("serverName", ctx.server().name());
        model.put("fromVersion", u.fromVersion());
        model.put("toVersion", u.toVersion());
        model.put("security", u.security());
        model.put("dueAt", french(u.dueAt()));
        model.put("status", u.status().name());
        model.put("windowStart", french(u.windowStart()));
        model.put("windowEnd", french(u.windowEnd()));
        List<String> to = Stream.of(settings.getProcesses().getManagersAddress(), settings.getProcesses().getOpsAddress())
                .distinct().toList();
        mailer.send(OutgoingMail.french(reference(u) + ":overdue", to, "update-overdue", model));
    }

    /** The update's reference for people: {@code MAJ-<id>}. */
    public static String reference(UpdateView u) {
        return "MAJ-" + u.id();
    }

    String french(Instant instant) {
        return instant == null ? null : FRENCH.format(clock.atZone(instant));
    }
}
