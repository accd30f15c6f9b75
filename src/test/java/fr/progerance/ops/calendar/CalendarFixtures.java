package fr.progerance.ops.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The contract's calendars as written, and terse time helpers for table-driven tests. */
final class CalendarFixtures {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private CalendarFixtures() {
    }

    /** The calendars with every setting at the contract's value. */
    static WorkingCalendar contractCalendar() {
        return WorkingCalendar.from(new CalendarProperties());
    }

    /** The calendars with {@code ops.calendar.alsace-moselle=true}. */
    static WorkingCalendar alsaceMoselleCalendar() {
        CalendarProperties settings = new CalendarProperties();
        settings.setAlsaceMoselle(true);
        return WorkingCalendar.from(settings);
    }

    static SlaDeadlines deadlines(WorkingCalendar calendar, String now) {
        return new SlaDeadlines(calendar, new SlaProperties(), fixedClock(now));
    }

    static Clock fixedClock(String now) {
        return Clock.fixed(at(now), PARIS);
    }

    /** An ISO-8601 date-time with offset as an instant. */
    static Instant at(String isoOffsetDateTime) {
        return OffsetDateTime.parse(isoOffsetDateTime).toInstant();
    }

    /** Full ISO form with seconds and offset, to compare offsets too (not only instants). */
    static String iso(OffsetDateTime value) {
        return value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    }

    static String iso(Instant value) {
        return value == null ? null : iso(value.atZone(PARIS).toOffsetDateTime());
    }

    /** Normalises an expected value of a table to the full ISO form ({@code 10:10+02:00} to {@code 10:10:00+02:00}). */
    static String expected(String isoOffsetDateTime) {
        return isoOffsetDateTime == null ? null : iso(OffsetDateTime.parse(isoOffsetDateTime));
    }
}
