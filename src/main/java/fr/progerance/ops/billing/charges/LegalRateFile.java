package fr.progerance.ops.billing.charges;

import fr.progerance.ops.billing.charges.LegalRates.LegalRate;
import fr.progerance.ops.calendar.Semester;
import fr.progerance.ops.web.FieldProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the legal-rate data file (R7.5, {@code ops.billing.charges.legal-rates-file}): UTF-8, a
 * header {@value #HEADER}, then one row per semester {@code 2025-S1;3.71;Arrêté du ...}. Blank
 * lines and lines starting with {@code #} are comments. Any other deviation (a bad semester, rate
 * or source, a missing column, a semester twice) is refused with the file's name and the line's
 * number, so that a bad file stops the start instead of computing wrong interest.
 */
public final class LegalRateFile {

    public static final String HEADER = "semester;rate_percent;source";

    private LegalRateFile() {
    }

    /** A bad data file: the message names the file and the line. */
    public static class InvalidLegalRateFileException extends IllegalStateException {
        InvalidLegalRateFileException(String message) {
            super(message);
        }
    }

    /**
     * The rows of the file, by semester in order (their {@code enteredBy} is null: they come from
     * the file).
     *
     * @param name the file's name, for the messages
     * @throws InvalidLegalRateFileException naming {@code name} and the line of the first bad row
     */
    public static Map<Semester, LegalRate> parse(String name, Reader reader) {
        Map<Semester, LegalRate> rows = new TreeMap<>();
        boolean header = false;
        int lineNo = 0;
        try (BufferedReader lines = new BufferedReader(reader)) {
            String line;
            while ((line = lines.readLine()) != null) {
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
                String[] cols = line.split(";", -1);
                if (cols.length != 3) {
                    throw bad(name, lineNo, "a row has 3 columns separated by ';' (semester;rate_percent;source), found "
                            + cols.length);
                }
                String semesterText = cols[0].strip();
                String rateText = cols[1].strip();
                String source = cols[2].strip();
                BigDecimal rate;
                try {
                    rate = new BigDecimal(rateText);
                } catch (NumberFormatException e) {
                    throw bad(name, lineNo, "rate_percent '" + rateText + "' is not a decimal number (write 3.71)");
                }
                List<FieldProblem> problems = LegalRateRules.problems(semesterText, rate, source);
                if (!problems.isEmpty()) {
                    throw bad(name, lineNo, problems.stream().map(p -> column(p.field()) + " " + p.message())
                            .collect(Collectors.joining("; ")));
                }
                Semester semester = Semester.parse(semesterText).orElseThrow();
                if (rows.containsKey(semester)) {
                    throw bad(name, lineNo, "semester " + semester + " appears twice");
                }
                rows.put(semester, new LegalRate(semester.toString(), rate, source, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the legal-rate file " + name, e);
        }
        if (!header) {
            throw bad(name, lineNo, "the file has no header '" + HEADER + "'");
        }
        return Collections.unmodifiableMap(rows);
    }

    private static String column(String field) {
        return "ratePercent".equals(field) ? "rate_percent" : field;
    }

    private static InvalidLegalRateFileException bad(String name, int lineNo, String why) {
        return new InvalidLegalRateFileException("R7.5 legal-rate file " + name + ", line " + lineNo + ": " + why);
    }
}
