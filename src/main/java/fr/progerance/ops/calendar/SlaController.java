package fr.progerance.ops.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.progerance.ops.web.Excerpt;
import fr.progerance.ops.web.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only SLA arithmetic over HTTP, for dashboards and operators: the deadlines of an incident
 * (Art. 4) and business-time deadlines (RC-business, R3.6-d). Date-times go out as ISO-8601 strings
 * at the contract zone's offset of that instant. Bad input answers 400 naming the parameter.
 */
@RestController
@RequestMapping("/api/sla")
public class SlaController {

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(WorkingWindow.MAX_WORKING_TIME.toHours());
    /** A millionth of an hour is under 4 ms: finer digits change nothing once rounded to the second. */
    private static final int MAX_HOURS_DECIMALS = 6;
    /** Longer than any number of hours in range written with its decimals. */
    private static final int MAX_HOURS_TEXT = 40;

    private final SlaDeadlines deadlines;

    public SlaController(SlaDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    /**
     * {@code GET /api/sla/incident-deadlines?infrastructure=PROGERANCE&level=1&category=TROUBLESHOOTING&detectedAt=2026-04-06T10:00:00+02:00}
     * (R4.3-p1, R4.3-p2, R4.3-t1, R4.3-t2).
     */
    @GetMapping("/incident-deadlines")
    public IncidentDeadlinesView incidentDeadlines(@RequestParam Infrastructure infrastructure,
            @RequestParam Integer level, @RequestParam IncidentCategory category, @RequestParam String detectedAt) {
        Instant detected = supported("detectedAt", DateTimeParameters.offsetDateTime("detectedAt", detectedAt));
        if (level != 1 && level != 2) {
            throw new InvalidInputException("level", "must be 1 or 2, got " + level);
        }
        try {
            return IncidentDeadlinesView.of(deadlines.incidentDeadlines(infrastructure, level, category, detected));
        } catch (IllegalArgumentException e) {
            // Every other argument is checked above: the deadline falls beyond the supported years.
            throw new InvalidInputException("detectedAt", e.getMessage());
        }
    }

    /**
     * {@code GET /api/sla/business-deadline?from=2026-04-03T16:00:00+02:00&hours=4}: the instant at
     * which {@code hours} of business time (RC-business) has elapsed from {@code from} (R3.6-d uses
     * 4). Hours may be decimal (at most {@value #MAX_HOURS_DECIMALS} decimals); they are rounded to
     * the second.
     */
    @GetMapping("/business-deadline")
    public BusinessDeadlineView businessDeadline(@RequestParam String from, @RequestParam String hours) {
        Instant start = supported("from", DateTimeParameters.offsetDateTime("from", from));
        Duration businessTime = businessTime(hours);
        try {
            return new BusinessDeadlineView(format(deadlines.businessDeadline(start, businessTime)));
        } catch (IllegalArgumentException e) {
            // Every other argument is checked above: the deadline falls beyond the supported years.
            throw new InvalidInputException("from", e.getMessage());
        }
    }

    /**
     * Reads {@code hours} without ever expanding it: {@code 1e2147483647} or {@code 1e-2147483647}
     * is a short text for a number whose digits would not fit in memory, so the range is checked by
     * comparison and the message quotes what was sent, cut short.
     */
    private static Duration businessTime(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("hours", "is required");
        }
        BigDecimal hours;
        try {
            if (text.length() > MAX_HOURS_TEXT) {
                throw new NumberFormatException("too long");
            }
            hours = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("hours", Excerpt.quoted(text) + " is not a decimal number");
        }
        if (hours.signum() < 0 || hours.compareTo(MAX_HOURS) > 0) {
            throw new InvalidInputException("hours", "must be between 0 and " + MAX_HOURS + ", got "
                    + Excerpt.quoted(text.strip()));
        }
        if (hours.stripTrailingZeros().scale() > MAX_HOURS_DECIMALS) {
            throw new InvalidInputException("hours", "has at most " + MAX_HOURS_DECIMALS + " decimals, got "
                    + Excerpt.quoted(text.strip()));
        }
        return Duration.ofSeconds(hours.multiply(SECONDS_PER_HOUR).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    private Instant supported(String parameter, OffsetDateTime value) {
        // Far from the supported years, the year as written decides: the contract zone's date of an
        // instant near the limits of java.time (-999999999-01-01T00:00+18:00) cannot be computed.
        int year = value.getYear();
        if (year >= FrenchHolidays.FIRST_SUPPORTED_YEAR - 1 && year <= FrenchHolidays.LAST_SUPPORTED_YEAR + 1) {
            year = deadlines.atZone(value.toInstant()).getYear();
        }
        if (!FrenchHolidays.isSupportedYear(year)) {
            throw new InvalidInputException(parameter, "must be in the years " + FrenchHolidays.FIRST_SUPPORTED_YEAR
                    + "-" + FrenchHolidays.LAST_SUPPORTED_YEAR + ", got " + Excerpt.quoted(value));
        }
        return value.toInstant();
    }

    private static String format(OffsetDateTime value) {
        return value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    }

    /** The JSON answer of incident-deadlines; absent deadlines are JSON nulls, never omitted. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IncidentDeadlinesView(boolean guaranteed, String interventionDue, String restorationDue,
            String rule) {

        static IncidentDeadlinesView of(IncidentDeadlines d) {
            return new IncidentDeadlinesView(d.guaranteed(), format(d.interventionDue()), format(d.restorationDue()),
                    d.rule());
        }
    }

    /** The JSON answer of business-deadline. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BusinessDeadlineView(String due) {
    }
}
