package fr.progerance.ops.backup.restic;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A restic version number, major.minor.patch; a suffix ({@code -dev}) is ignored for comparisons.
 */
record ResticVersion(int major, int minor, int patch) implements Comparable<ResticVersion> {

    private static final Pattern NUMBER = Pattern.compile("(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})(?:[-+][0-9A-Za-z.+-]*)?");

    /** {@code restic version}'s line: {@code restic 0.14.0 compiled with go1.19.8 on linux/amd64}. */
    private static final Pattern OUTPUT = Pattern.compile("(?m)^restic (\\d{1,6}\\.\\d{1,6}\\.\\d{1,6}"
            + "(?:[-+][0-9A-Za-z.+-]*)?)(?:\\s|$)");

    static Optional<ResticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = NUMBER.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ResticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    /** The version printed by {@code restic version}, e.g. {@code 0.14.0}, if the output has one. */
    static Optional<String> fromOutput(String output) {
        if (output == null) {
            return Optional.empty();
        }
        Matcher m = OUTPUT.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public int compareTo(ResticVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
