package fr.progerance.ops.backup;

import fr.progerance.ops.calendar.ContractClock;
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
 * Mails to ops about backups ({@code ops.backup.ops-address}), on the generic {@code plain-notice}
 * template: a run that failed for good (its Camunda incident exists), a run overdue, a scheduled
 * job (retention, integrity check) that failed. Internal mail, short and factual. Each has an
 * idempotency key (run and step, or the job's task), so a repeated call never mails twice.
 */
@Component
public class BackupMails {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", Locale.FRENCH);

    private final Mailer mailer;
    private final BackupSettings settings;
    private final ContractClock clock;

    public BackupMails(Mailer mailer, BackupSettings settings, ContractClock clock) {
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    /** A step of a run has no retries left; the Camunda incident is in Cockpit. */
    public void runFailed(BackupRun run, String serverName, String step, String message) {
        send("backup:" + run.getId() + ":" + step + ":failed",
                "[backup] ÉCHEC " + run.getKind() + " " + serverName + " (" + step + ")",
                List.of("The " + run.getKind() + " backup of server " + serverName + " (id " + run.getServerId()
                                + ") failed at step '" + step + "' after every retry.",
                        "Error: " + message,
                        "Run " + run.getId() + ", started " + when(run.getStartedAt()) + ", process instance "
                                + run.getProcessInstanceId() + ": the incident is in Cockpit; retry it there once the"
                                + " cause is fixed."));
    }

    /** DESIGN rule 12: the run is still not done at its kind's freshness limit. */
    public void overdue(BackupRun run, String serverName) {
        send("backup:" + run.getId() + ":overdue",
                "[backup] EN RETARD " + run.getKind() + " " + serverName,
                List.of("The " + run.getKind() + " backup of server " + serverName + " (id " + run.getServerId()
                                + "), started " + when(run.getStartedAt()) + ", is still not done (status "
                                + run.getStatus() + ").",
                        run.getFailureMessage() == null ? "No failure recorded yet."
                                : "Last failure (" + run.getFailedStep() + "): " + run.getFailureMessage(),
                        "Run " + run.getId() + ", process instance " + run.getProcessInstanceId() + " (Cockpit)."));
    }

    /** A scheduled job (retention, integrity check) has no retries left. */
    public void scheduledJobFailed(String what, String processInstanceId, String message) {
        send("backup-schedule:" + processInstanceId + ":" + what + ":failed", "[backup] ÉCHEC " + what,
                List.of("The scheduled backup job '" + what + "' failed after every retry.",
                        "Error: " + message,
                        "Process instance " + processInstanceId + ": the incident is in Cockpit."));
    }

    private void send(String key, String subject, List<String> paragraphs) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", subject);
        model.put("paragraphs", new ArrayList<>(paragraphs));
        mailer.send(OutgoingMail.french(key, List.of(settings.getOpsAddress()), "plain-notice", model));
    }

    private String when(Instant instant) {
        return instant == null ? "?" : WHEN.format(clock.atZone(instant));
    }
}
