package fr.progerance.ops.calendar;

import fr.progerance.ops.web.Excerpt;
import fr.progerance.ops.web.InvalidInputException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses date-time query parameters of the API. A {@code +} left unencoded in a query string
 * reaches the server as a space ({@code 2026-04-06T10:00:00 02:00}); such a space before the
 * offset is read as {@code +}, so callers need not encode it.
 */
public final class DateTimeParameters {

    /** A date-time followed by a space and a positive offset, the trace of an unencoded '+'. */
    private static final Pattern DECODED_PLUS = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T[0-9:.,]+) (\\d{2}(:\\d{2}){0,2})$");

    private DateTimeParameters() {
    }

    /**
     * Reads {@code value} as an ISO-8601 date-time with offset ({@code 2026-04-06T10:00:00+02:00},
     * {@code 2026-04-06T08:00:00Z}).
     *
     * @throws InvalidInputException naming {@code parameter} when the value is blank or not such a date-time
     */
    public static OffsetDateTime offsetDateTime(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(parameter, "is required");
        }
        String text = value.strip();
        Matcher m = DECODED_PLUS.matcher(text);
        if (m.matches()) {
            text = m.group(1) + "+" + m.group(2);
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(parameter, Excerpt.quoted(value)
                    + " is not an ISO-8601 date-time with offset, e.g. 2026-04-06T10:00:00+02:00");
        }
    }
}
