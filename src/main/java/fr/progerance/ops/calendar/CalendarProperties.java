package fr.progerance.ops.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings {@code ops.calendar.*}: the zone, the holidays and the working windows of the contract
 * (section "Calendars" of RULES.md). Every default is the contract's value; {@code new
 * CalendarProperties()} is the contract as written.
 */
@ConfigurationProperties("ops.calendar")
public class CalendarProperties {

    /** Time zone of every clock (RULES.md "Calendars": Europe/Paris, daylight saving included). */
    private ZoneId zone = ZoneId.of("Europe/Paris");

    /** RC-holidays: Alsace-Moselle adds Good Friday and 26 December. */
    private boolean alsaceMoselle = false;

    /** RC-business: Monday-Friday 9h00-18h00, excluding public holidays. */
    private Window business = new Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(18, 0), true);

    /** RC-n2 (R4.3-p2): 7h00-18h00 on business days (Monday-Friday, not public holidays). */
    private Window n2 = new Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(7, 0), LocalTime.of(18, 0), true);

    /**
     * RC-support (R6.8-b): Monday-Saturday 9h00-21h00. The contract names no holiday exception for
     * the support desk (unlike RC-business), so by default it stays open on public holidays that
     * fall Monday-Saturday; set {@code ops.calendar.support.exclude-holidays=true} to close them.
     */
    private Window support = new Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY),
            LocalTime.of(9, 0), LocalTime.of(21, 0), false);

    public ZoneId getZone() {
        return zone;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    public boolean isAlsaceMoselle() {
        return alsaceMoselle;
    }

    public void setAlsaceMoselle(boolean alsaceMoselle) {
        this.alsaceMoselle = alsaceMoselle;
    }

    public Window getBusiness() {
        return business;
    }

    public void setBusiness(Window business) {
        this.business = business;
    }

    public Window getN2() {
        return n2;
    }

    public void setN2(Window n2) {
        this.n2 = n2;
    }

    public Window getSupport() {
        return support;
    }

    public void setSupport(Window support) {
        this.support = support;
    }

    /**
     * One weekly window: {@code days} (e.g. {@code MONDAY,TUESDAY}), {@code opens} inclusive and
     * {@code closes} exclusive as local times ({@code 09:00}), and whether public holidays close it.
     */
    public static class Window {

        private Set<DayOfWeek> days;
        private LocalTime opens;
        private LocalTime closes;
        private boolean excludeHolidays;

        public Window() {
        }

        public Window(Set<DayOfWeek> days, LocalTime opens, LocalTime closes, boolean excludeHolidays) {
            this.days = days;
            this.opens = opens;
            this.closes = closes;
            this.excludeHolidays = excludeHolidays;
        }

        public Set<DayOfWeek> getDays() {
            return days;
        }

        public void setDays(Set<DayOfWeek> days) {
            this.days = days;
        }

        public LocalTime getOpens() {
            return opens;
        }

        public void setOpens(LocalTime opens) {
            this.opens = opens;
        }

        public LocalTime getCloses() {
            return closes;
        }

        public void setCloses(LocalTime closes) {
            this.closes = closes;
        }

        public boolean isExcludeHolidays() {
            return excludeHolidays;
        }

        public void setExcludeHolidays(boolean excludeHolidays) {
            this.excludeHolidays = excludeHolidays;
        }
    }
}
