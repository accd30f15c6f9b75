package fr.progerance.ops.quote;

import fr.progerance.ops.quote.QuoteApprovalProcess.Vars;
import fr.progerance.ops.web.Excerpt;
import fr.progerance.ops.web.TextRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.function.Function;

/**
 * What ops enter in Task_PrepareQuote, read and checked (RD-extra, R4.0-c, R7.1): the same rules
 * for the completion check (which refuses before anything is saved) and for the listener that
 * writes the record. Tasklist's form checks what it can (required, amount above zero, no past
 * dates); this is the server's word, whoever completes the task.
 *
 * @param description what will be done, in French (what the client reads)
 * @param amountExclTax euros excluding tax, more than zero, at most two decimals
 * @param windowStart the planned work window, in the future ...
 * @param windowEnd ... and ending after it starts
 * @param validUntil the last day the client may accept it: today or later, and before the window's first day
 */
public record QuotePreparation(String description, BigDecimal amountExclTax, Instant windowStart, Instant windowEnd,
        LocalDate validUntil) {

    /** The column's size: what the client reads about the work. */
    public static final int DESCRIPTION_MAX = 2000;
    /** numeric(12, 2): ten digits before the decimal point. */
    static final BigDecimal AMOUNT_LIMIT = new BigDecimal("10000000000");

    /** A refused input, with what to do about it. */
    public static final class Refusal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    /**
     * Reads the form's values ({@code values} gives the submitted value, else the variable).
     *
     * @throws Refusal naming the field and what is wrong
     */
    public static QuotePreparation read(Function<String, Object> values, QuoteCalendar calendar) {
        String description = text(values.apply(Vars.DESCRIPTION));
        if (description == null) {
            throw new Refusal("Describe the work for the client, in French (" + Vars.DESCRIPTION + ")");
        }
        if (description.length() > DESCRIPTION_MAX) {
            throw new Refusal(Vars.DESCRIPTION + " has more than " + DESCRIPTION_MAX + " characters");
        }
        TextRules.problem(description, true).ifPresent(p -> {
            throw new Refusal(Vars.DESCRIPTION + " " + p);
        });
        BigDecimal amount = amount(values.apply(Vars.AMOUNT));
        Instant start = instant(Vars.WINDOW_START, values.apply(Vars.WINDOW_START));
        Instant end = instant(Vars.WINDOW_END, values.apply(Vars.WINDOW_END));
        LocalDate validUntil = date(Vars.VALID_UNTIL, values.apply(Vars.VALID_UNTIL));
        Instant now = calendar.now();
        if (!start.isAfter(now)) {
            throw new Refusal("The work window must start in the future (" + Vars.WINDOW_START + ")");
        }
        if (!end.isAfter(start)) {
            throw new Refusal("The work window must end after it starts (" + Vars.WINDOW_END + ")");
        }
        if (validUntil.isBefore(calendar.today())) {
            throw new Refusal("The validity date is past (" + Vars.VALID_UNTIL + "): the client could not accept it");
        }
        if (!validUntil.isBefore(calendar.day(start))) {
            throw new Refusal("The client must be able to answer before the work starts: the validity date ("
                    + Vars.VALID_UNTIL + ", " + validUntil + ") must be before the window's first day ("
                    + calendar.day(start) + ")");
        }
        return new QuotePreparation(description, amount, start, end, validUntil);
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new Refusal(Vars.DESCRIPTION + " must be text");
        }
        return s.isBlank() ? null : s.strip();
    }

    /** R7.1: euros excluding tax, above zero, at most two decimals (as the form's text, or a number). */
    static BigDecimal amount(Object v) {
        if (v == null || v.toString().isBlank()) {
            throw new Refusal("Give the amount excluding tax in euros (" + Vars.AMOUNT + ")");
        }
        BigDecimal amount;
        try {
            amount = v instanceof BigDecimal b ? b : new BigDecimal(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new Refusal(Vars.AMOUNT + " must be an amount in euros such as 450.00, got " + Excerpt.quoted(v));
        }
        if (amount.signum() <= 0) {
            throw new Refusal("The amount excluding tax must be more than 0 (" + Vars.AMOUNT + ")");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new Refusal(Vars.AMOUNT + " has more than two decimals (cents)");
        }
        if (amount.compareTo(AMOUNT_LIMIT) >= 0) {
            throw new Refusal(Vars.AMOUNT + " is too large");
        }
        return amount.setScale(2);
    }

    /** A date-time with its offset, as the form submits it ({@code 2026-04-06T10:00+02:00}), or a Date. */
    static Instant instant(String name, Object v) {
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (v == null || v.toString().isBlank()) {
            throw new Refusal("Give the planned work window (" + name + ")");
        }
        try {
            return OffsetDateTime.parse(v.toString().strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refusal(name + " must be a date and time with its offset, such as 2026-04-06T10:00+02:00, got "
                    + Excerpt.quoted(v));
        }
    }

    /** A day, as the form submits it ({@code 2026-04-30}). */
    static LocalDate date(String name, Object v) {
        if (v == null || v.toString().isBlank()) {
            throw new Refusal("Give the last day the client may accept the quote (" + name + ")");
        }
        try {
            return LocalDate.parse(v.toString().strip());
        } catch (DateTimeParseException e) {
            throw new Refusal(name + " must be a day such as 2026-04-30, got " + Excerpt.quoted(v));
        }
    }
}
