package fr.progerance.ops.update.shop;

import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RD-ps: what the update assistant's console prints, read without an engine. Its log lines are
 * {@code LEVEL - message} ({@code INFO - Backup completed successfully.}); {@code backup:create}
 * names its backup in {@code INFO - Database backup done in filename <name>.}.
 */
final class AssistantOutput {

    /** A backup name as the assistant makes them ({@link CommandTemplate.Parameter#ASSISTANT_BACKUP_NAME}). */
    static final Pattern BACKUP_NAME = CommandTemplate.Parameter.ASSISTANT_BACKUP_NAME.pattern();

    /** The line of {@code backup:create} that names the backup. */
    static final Pattern BACKUP_DONE = Pattern.compile("Database backup done in filename ("
            + BACKUP_NAME.pattern() + ")\\.?\\s*$");

    /** The date and time inside a backup name: {@code _yyyyMMdd-HHmmss-}. */
    private static final Pattern NAME_TIME = Pattern.compile("_([0-9]{8}-[0-9]{6})-[0-9a-f]+$");

    /** Lines of the output a failure message quotes, and characters per line. */
    static final int LAST_LINES = 5;
    static final int LINE_LENGTH = 300;

    /** What the assistant writes instead of the admin directory in its own logs. */
    static final String MASK = "**admin_folder**";

    private AssistantOutput() {
    }

    /** The backup named by a {@code backup:create} output, if a whole line names it. */
    static Optional<String> backupName(String stdout) {
        Optional<String> named = Optional.empty();
        for (String line : stdout.split("\n")) {
            Matcher m = BACKUP_DONE.matcher(line.strip());
            if (m.find()) {
                named = Optional.of(m.group(1)); // the last one: a chained run may log earlier attempts
            }
        }
        return named;
    }

    /** The newest backup of a listing of the backup directory (by the date and time in its name). */
    static Optional<String> newestBackup(String listing) {
        return listing.lines().map(String::strip).filter(name -> BACKUP_NAME.matcher(name).matches())
                .max(Comparator.comparing(AssistantOutput::timeOf).thenComparing(Comparator.naturalOrder()));
    }

    private static String timeOf(String name) {
        Matcher m = NAME_TIME.matcher(name);
        return m.find() ? m.group(1) : "";
    }

    /**
     * The last lines the assistant printed (standard output, then standard error), at most
     * {@value #LAST_LINES} of each, each at most {@value #LINE_LENGTH} characters, control characters
     * replaced, the admin directory masked; "no output" when it printed nothing.
     */
    static String lastLines(CommandResult result, String adminDirectory) {
        List<String> shown = new ArrayList<>();
        shown.addAll(last(result.stdout(), adminDirectory));
        List<String> errors = last(result.stderr(), adminDirectory);
        for (String line : errors) {
            if (!shown.contains(line)) {
                shown.add(line);
            }
        }
        if (shown.isEmpty()) {
            return "no output";
        }
        return String.join(" | ", shown);
    }

    private static List<String> last(String text, String adminDirectory) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.startsWith(CommandResult.TRUNCATION_NOTICE)).toList();
        List<String> kept = new ArrayList<>();
        for (String line : lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size())) {
            kept.add(clean(line, adminDirectory));
        }
        return kept;
    }

    private static String clean(String line, String adminDirectory) {
        String masked = adminDirectory == null || adminDirectory.isEmpty() ? line : line.replace(adminDirectory, MASK);
        StringBuilder out = new StringBuilder();
        masked.codePoints().limit(LINE_LENGTH).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return masked.codePointCount(0, masked.length()) > LINE_LENGTH ? out + "…" : out.toString();
    }
}
