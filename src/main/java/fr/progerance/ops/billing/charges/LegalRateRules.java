package fr.progerance.ops.billing.charges;

import fr.progerance.ops.calendar.Semester;
import fr.progerance.ops.web.Excerpt;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.TextRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a legal-rate row must be, whether it comes from the data file or from a manager (R7.5): a
 * semester {@code YYYY-S1}/{@code YYYY-S2}, a rate in percent per year above 0 and at most 100
 * with at most {@value #MAX_RATE_DECIMALS} decimals, and a one-line source of at most
 * {@value #MAX_SOURCE_LENGTH} characters (the arrêté and its Journal officiel).
 */
public final class LegalRateRules {

    public static final int MAX_RATE_DECIMALS = 4;
    public static final int MAX_SOURCE_LENGTH = 500;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private LegalRateRules() {
    }

    /** The semester, or why {@code text} is not one. */
    public static Optional<String> semesterProblem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("is required, e.g. 2027-S1");
        }
        return Semester.parse(text).isPresent() ? Optional.empty()
                : Optional.of(Excerpt.quoted(text) + " is not a semester: write YYYY-S1 (January-June) or YYYY-S2 (July-December)");
    }

    /** Why {@code rate} is not an acceptable legal rate, if it is not. */
    public static Optional<String> rateProblem(BigDecimal rate) {
        if (rate == null) {
            return Optional.of("is required (percent per year, e.g. 2.62)");
        }
        if (rate.signum() <= 0 || rate.compareTo(HUNDRED) > 0) {
            return Optional.of("must be above 0 and at most 100 (percent per year), got " + rate.toPlainString());
        }
        if (rate.stripTrailingZeros().scale() > MAX_RATE_DECIMALS) {
            return Optional.of("must have at most " + MAX_RATE_DECIMALS + " decimals, got " + Excerpt.of(rate.toPlainString()));
        }
        return Optional.empty();
    }

    /** Why {@code source} is not an acceptable source, if it is not. */
    public static Optional<String> sourceProblem(String source) {
        if (source == null || source.isBlank()) {
            return Optional.of("is required: the arrêté that fixed the rate and its Journal officiel reference");
        }
        return TextRules.problem(source, false, MAX_SOURCE_LENGTH);
    }

    /** Every problem of a row, each naming its field ({@code semester}, {@code ratePercent}, {@code source}). */
    public static List<FieldProblem> problems(String semester, BigDecimal rate, String source) {
        List<FieldProblem> problems = new ArrayList<>();
        semesterProblem(semester).ifPresent(p -> problems.add(new FieldProblem("semester", p)));
        rateProblem(rate).ifPresent(p -> problems.add(new FieldProblem("ratePercent", p)));
        sourceProblem(source).ifPresent(p -> problems.add(new FieldProblem("source", p)));
        return problems;
    }
}
