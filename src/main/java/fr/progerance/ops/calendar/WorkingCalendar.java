package fr.progerance.ops.calendar;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The contract's calendars together (RULES.md "Calendars"): the zone, the public holidays and the
 * three working windows. A plain value built from the settings; tests build it with
 * {@code WorkingCalendar.from(new CalendarProperties())}, the contract as written.
 *
 * @param zone     the zone of every clock (Europe/Paris)
 * @param holidays RC-holidays, with or without Alsace-Moselle
 * @param business RC-business: Monday-Friday 9h-18h except public holidays
 * @param n2       RC-n2: 7h-18h on business days (R4.3-p2)
 * @param support  RC-support: Monday-Saturday 9h-21h (R6.8-b)
 */
public record WorkingCalendar(ZoneId zone, FrenchHolidays holidays, WorkingWindow business, WorkingWindow n2,
        WorkingWindow support) {

    public WorkingCalendar {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(holidays, "holidays");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(n2, "n2");
        Objects.requireNonNull(support, "support");
    }

    /**
     * Builds the calendars from the settings.
     *
     * @throws IllegalArgumentException naming the setting when one is missing or inconsistent
     */
    public static WorkingCalendar from(CalendarProperties settings) {
        ZoneId zone = Objects.requireNonNull(settings.getZone(), "ops.calendar.zone is required");
        FrenchHolidays holidays = new FrenchHolidays(settings.isAlsaceMoselle());
        return new WorkingCalendar(zone, holidays,
                window("RC-business", "ops.calendar.business", settings.getBusiness(), zone, holidays),
                window("RC-n2", "ops.calendar.n2", settings.getN2(), zone, holidays),
                window("RC-support", "ops.calendar.support", settings.getSupport(), zone, holidays));
    }

    private static WorkingWindow window(String name, String key, CalendarProperties.Window w, ZoneId zone,
            FrenchHolidays holidays) {
        if (w == null || w.getDays() == null || w.getOpens() == null || w.getCloses() == null) {
            throw new IllegalArgumentException(key + ".days, .opens and .closes are required");
        }
        try {
            return new WorkingWindow(name, w.getDays(), w.getOpens(), w.getCloses(), w.isExcludeHolidays(), zone,
                    holidays);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }
}
