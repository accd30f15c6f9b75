package fr.progerance.ops.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * What a command did on the server. A non-zero exit status is a result, not an exception: the
 * caller decides what it means (a unit that is not active, a missing sudoers rule...).
 *
 * <p>Each stream keeps at most {@code ops.remote.ssh.max-output} bytes; beyond that the text ends
 * with a line starting with {@link #TRUNCATION_NOTICE} that says how much was dropped.
 * {@link #toString()} gives sizes only, so that logging a result never logs the output.
 *
 * @param template the template that ran
 * @param exitStatus the command's exit status, or {@link #NO_EXIT_STATUS} if the server sent none
 *     (connection dropped, e.g. during a reboot, or process killed by a signal)
 * @param stdout standard output, decoded as UTF-8
 * @param stderr standard error, decoded as UTF-8
 * @param took from the start of the connection to the end of the command
 */
public record CommandResult(CommandTemplate template, int exitStatus, String stdout, String stderr, Duration took) {

    /** The exit status reported when the server sent none. */
    public static final int NO_EXIT_STATUS = -1;

    /** The start of the line appended to a stream that was cut at the output limit. */
    public static final String TRUNCATION_NOTICE = "[output truncated by ops-engine:";

    public CommandResult {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(took, "took");
        if (took.isNegative()) {
            throw new IllegalArgumentException("took must not be negative, got " + took);
        }
    }

    /** Whether the command exited with status 0. */
    public boolean succeeded() {
        return exitStatus == 0;
    }

    /** Whether the server reported an exit status at all. */
    public boolean hasExitStatus() {
        return exitStatus != NO_EXIT_STATUS;
    }

    /** Whether either stream was cut at the output limit. */
    public boolean outputTruncated() {
        return isTruncated(stdout) || isTruncated(stderr);
    }

    private static boolean isTruncated(String text) {
        int notice = text.lastIndexOf("\n" + TRUNCATION_NOTICE);
        return notice >= 0 && text.indexOf('\n', notice + 1) < 0;
    }

    @Override
    public String toString() {
        return "CommandResult[" + template + ", exitStatus=" + exitStatus + ", stdout=" + stdout.length()
                + " chars, stderr=" + stderr.length() + " chars" + (outputTruncated() ? ", truncated" : "")
                + ", took=" + took.toMillis() + " ms]";
    }
}
