package fr.progerance.ops.update.version;

import fr.progerance.ops.web.Excerpt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the release catalogue ({@code ops.update.catalogue.location}, RD-ps, R4.0-b, R4.0-c):
 * UTF-8, a header {@value #HEADER}, then one row per release
 * {@code 8.1.6;2024-05-15;true;https://... (GHSA-...)}. Blank lines and lines starting with
 * {@code #} are comments. Any other deviation (a version PrestaShop cannot have or with a package
 * suffix, a date that is not ISO, security other than {@code true}/{@code false}, a source that is
 * not an https URL, a missing column, a release twice, no release at all) is refused with the
 * file's name and the line's number, so that a bad file stops the start instead of planning wrong
 * updates.
 */
public final class ReleaseCatalogueFile {

    public static final String HEADER = "version;published_on;security;source";
    /** Longest source text (URL and notes) a row may carry. */
    public static final int MAX_SOURCE_LENGTH = 500;
    /** Publication dates before PrestaShop existed, or absurdly far ahead, are typos. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2007, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2199, 12, 31);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private ReleaseCatalogueFile() {
    }

    /** A bad catalogue: the message names the file and the line. */
    public static class InvalidReleaseCatalogueException extends IllegalStateException {
        InvalidReleaseCatalogueException(String message) {
            super(message);
        }
    }

    /**
     * The releases of the file in version order (lowest first).
     *
     * @param name the file's name, for the messages
     * @throws InvalidReleaseCatalogueException naming {@code name} and the line of the first bad row
     */
    public static List<Release> parse(String name, Reader reader) {
        List<Release> releases = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        boolean header = false;
        int lineNo = 0;
        try (BufferedReader in = new BufferedReader(reader)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (!header) {
                    if (!line.strip().equals(HEADER)) {
                        throw bad(name, lineNo, "the header must be '" + HEADER + "'");
                    }
                    header = true;
                    continue;
                }
                Release release = row(name, lineNo, line);
                for (int i = 0; i < releases.size(); i++) {
                    if (releases.get(i).version().sameRelease(release.version())) {
                        throw bad(name, lineNo, "version " + release.version() + " appears twice (first on line "
                                + lines.get(i) + ")");
                    }
                }
                releases.add(release);
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the release catalogue " + name, e);
        }
        if (!header) {
            throw bad(name, lineNo, "the file has no header '" + HEADER + "'");
        }
        if (releases.isEmpty()) {
            throw bad(name, lineNo, "the file lists no release: updates could never be planned");
        }
        releases.sort(Comparator.comparing(Release::version));
        return List.copyOf(releases);
    }

    private static Release row(String name, int lineNo, String line) {
        String[] cols = line.split(";", -1);
        if (cols.length != 4) {
            throw bad(name, lineNo, "a row has 4 columns separated by ';' (" + HEADER + "), found " + cols.length);
        }
        PrestaShopVersion version;
        try {
            version = PrestaShopVersion.parse(cols[0]);
        } catch (InvalidVersionException e) {
            throw bad(name, lineNo, "version " + e.getMessage());
        }
        if (!version.suffix().isEmpty()) {
            throw bad(name, lineNo, "version " + version + " has a suffix: list published releases only, e.g. 8.1.7");
        }
        String dateText = cols[1].strip();
        LocalDate publishedOn;
        try {
            publishedOn = LocalDate.parse(dateText, ISO_DATE);
        } catch (DateTimeParseException e) {
            throw bad(name, lineNo, "published_on " + Excerpt.quoted(dateText) + " is not an ISO date (yyyy-MM-dd)");
        }
        if (publishedOn.isBefore(FIRST_DAY) || publishedOn.isAfter(LAST_DAY)) {
            throw bad(name, lineNo, "published_on " + publishedOn + " is not between " + FIRST_DAY + " and " + LAST_DAY);
        }
        String securityText = cols[2].strip();
        if (!securityText.equals("true") && !securityText.equals("false")) {
            throw bad(name, lineNo, "security is true or false, found " + Excerpt.quoted(securityText));
        }
        String source = cols[3].strip();
        if (source.isEmpty()) {
            throw bad(name, lineNo, "source is required: the URL the row comes from");
        }
        if (!source.startsWith("https://") || source.length() == "https://".length()) {
            throw bad(name, lineNo, "source must start with an https:// URL, found " + Excerpt.quoted(source));
        }
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw bad(name, lineNo, "source has " + source.length() + " characters, at most " + MAX_SOURCE_LENGTH);
        }
        if (source.chars().anyMatch(Character::isISOControl)) {
            throw bad(name, lineNo, "source contains a control character");
        }
        return new Release(version, publishedOn, Boolean.parseBoolean(securityText), source);
    }

    private static InvalidReleaseCatalogueException bad(String name, int lineNo, String why) {
        return new InvalidReleaseCatalogueException("Release catalogue " + name + ", line " + lineNo + ": " + why
                + " (setting ops.update.catalogue.location)");
    }
}
