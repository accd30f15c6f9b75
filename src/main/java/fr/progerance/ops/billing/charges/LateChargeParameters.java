package fr.progerance.ops.billing.charges;

import fr.progerance.ops.calendar.SupportedDates;
import fr.progerance.ops.web.Excerpt;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /api/billing/late-charges}, checked as a whole: every bad parameter is
 * named at once (400). An amount is a plain decimal with at most 2 decimals, not negative, at most
 * {@link #MAX_AMOUNT}; dates are ISO {@code yyyy-MM-dd} within {@link SupportedDates}; the payment
 * is not before the issue.
 */
record LateChargeParameters(BigDecimal amount, LocalDate issuedOn, LocalDate paidOn) {

    /** The largest amount an invoice holds (numeric(12, 2) in the database). */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,30}(\\.\\d{0,30})?");
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    static LateChargeParameters parse(String amountText, String issuedOnText, String paidOnText) {
        List<FieldProblem> problems = new ArrayList<>();
        BigDecimal amount = amount(amountText, problems);
        LocalDate issuedOn = date("issuedOn", issuedOnText, problems);
        LocalDate paidOn = date("paidOn", paidOnText, problems);
        if (issuedOn != null && paidOn != null && paidOn.isBefore(issuedOn)) {
            problems.add(new FieldProblem("paidOn", "must not be before issuedOn (" + issuedOn + "), got " + paidOn));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new LateChargeParameters(amount, issuedOn, paidOn);
    }

    private static BigDecimal amount(String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem("amount", "is required, e.g. 1200.00"));
            return null;
        }
        String value = text.strip();
        if (!DECIMAL.matcher(value).matches()) {
            problems.add(new FieldProblem("amount", Excerpt.quoted(text) + " is not a decimal amount, e.g. 1200.00"));
            return null;
        }
        BigDecimal amount = new BigDecimal(value);
        if (amount.signum() < 0) {
            problems.add(new FieldProblem("amount", "must not be negative, got " + Excerpt.of(value)));
            return null;
        }
        if (amount.scale() > 2) {
            problems.add(new FieldProblem("amount", "must have at most 2 decimals (cents), got " + Excerpt.of(value)));
            return null;
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            problems.add(new FieldProblem("amount", "must be at most " + MAX_AMOUNT.toPlainString() + ", got "
                    + Excerpt.of(value)));
            return null;
        }
        return amount;
    }

    private static LocalDate date(String field, String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem(field, "is required, an ISO-8601 date (yyyy-MM-dd)"));
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip(), ISO_DATE);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, Excerpt.quoted(text) + " is not an ISO-8601 date (yyyy-MM-dd)"));
            return null;
        }
        var range = SupportedDates.problem(date);
        if (range.isPresent()) {
            problems.add(new FieldProblem(field, range.get()));
            return null;
        }
        return date;
    }
}
