package fr.progerance.ops.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * French public holidays exactly as RC-holidays lists them, computed by jollyday (never by
 * hand-coded Easter arithmetic) and cached per year. Thread-safe.
 *
 * <p>jollyday's France calendar is filtered explicitly: only {@link HolidayType#PUBLIC_HOLIDAY}
 * entries whose key is one of {@link PublicHoliday} are kept, the two Alsace-Moselle days only
 * when that setting is on. jollyday omits Whit Monday in 2004-2007 (the "journée de solidarité"
 * years); RC-holidays lists Whit Monday unconditionally, so for those years it is taken as
 * jollyday's Easter Monday + 49 days. Any other RC-holidays day missing from jollyday is a data
 * problem and fails loudly instead of silently opening a business day.
 */
public final class FrenchHolidays {

    /** Earliest year answered: a sanity guard against absurd inputs, not a contract number. */
    public static final int FIRST_SUPPORTED_YEAR = 1990;
    /** Latest year answered: a sanity guard against absurd inputs, not a contract number. */
    public static final int LAST_SUPPORTED_YEAR = 2200;

    /** Moselle; jollyday gives Bas-Rhin (67) and Haut-Rhin (68) the same two extra days. */
    private static final String ALSACE_MOSELLE_SUBDIVISION = "57";
    private static final int EASTER_MONDAY_TO_WHIT_MONDAY_DAYS = 49;
    private static final Logger LOG = LoggerFactory.getLogger(FrenchHolidays.class);

    private final boolean alsaceMoselle;
    private final IntFunction<Set<Holiday>> source;
    private final ConcurrentMap<Integer, NavigableMap<LocalDate, PublicHoliday>> byYear = new ConcurrentHashMap<>();

    /**
     * @param alsaceMoselle {@code ops.calendar.alsace-moselle}: also Good Friday and 26 December
     *                      (RC-holidays)
     */
    public FrenchHolidays(boolean alsaceMoselle) {
        this(alsaceMoselle, jollyday(alsaceMoselle));
    }

    /** For tests: the raw holidays of a year as jollyday would list them. */
    FrenchHolidays(boolean alsaceMoselle, IntFunction<Set<Holiday>> source) {
        this.alsaceMoselle = alsaceMoselle;
        this.source = source;
    }

    public boolean alsaceMoselle() {
        return alsaceMoselle;
    }

    /** Whether {@code date} is a public holiday (RC-holidays). */
    public boolean isHoliday(LocalDate date) {
        return holidays(date.getYear()).containsKey(date);
    }

    /** The RC-holidays day falling on {@code date}, if any. */
    public Optional<PublicHoliday> holiday(LocalDate date) {
        return Optional.ofNullable(holidays(date.getYear()).get(date));
    }

    /**
     * Every public holiday of {@code year} (RC-holidays), by date, ascending. When two days share
     * a date the date appears once, under the day listed first in {@link PublicHoliday}.
     *
     * @throws IllegalArgumentException outside {@value #FIRST_SUPPORTED_YEAR}-{@value #LAST_SUPPORTED_YEAR}
     */
    public NavigableMap<LocalDate, PublicHoliday> holidays(int year) {
        requireSupportedYear(year);
        return byYear.computeIfAbsent(year, this::load);
    }

    /** Whether {@code year} lies in the range this calendar answers for. */
    public static boolean isSupportedYear(int year) {
        return year >= FIRST_SUPPORTED_YEAR && year <= LAST_SUPPORTED_YEAR;
    }

    static void requireSupportedYear(int year) {
        if (!isSupportedYear(year)) {
            throw new IllegalArgumentException("Year " + year + " is outside the supported range "
                    + FIRST_SUPPORTED_YEAR + "-" + LAST_SUPPORTED_YEAR);
        }
    }

    private NavigableMap<LocalDate, PublicHoliday> load(int year) {
        Map<PublicHoliday, LocalDate> found = new EnumMap<>(PublicHoliday.class);
        for (Holiday h : source.apply(year)) {
            Optional<PublicHoliday> known = PublicHoliday.ofJollydayKey(h.getPropertiesKey());
            if (h.getType() != HolidayType.PUBLIC_HOLIDAY || known.isEmpty()
                    || !known.get().appliesTo(alsaceMoselle) || h.getDate().getYear() != year) {
                LOG.debug("Ignoring {} {} ({}): not an RC-holidays day under this setting",
                        h.getDate(), h.getPropertiesKey(), h.getType());
                continue;
            }
            found.put(known.get(), h.getDate());
        }
        // RC-holidays lists Whit Monday every year; jollyday skips it in 2004-2007.
        if (!found.containsKey(PublicHoliday.WHIT_MONDAY) && found.containsKey(PublicHoliday.EASTER_MONDAY)) {
            found.put(PublicHoliday.WHIT_MONDAY,
                    found.get(PublicHoliday.EASTER_MONDAY).plusDays(EASTER_MONDAY_TO_WHIT_MONDAY_DAYS));
        }
        NavigableMap<LocalDate, PublicHoliday> dates = new TreeMap<>();
        for (PublicHoliday expected : PublicHoliday.values()) {
            if (!expected.appliesTo(alsaceMoselle)) {
                continue;
            }
            LocalDate date = found.get(expected);
            if (date == null) {
                throw new IllegalStateException("jollyday lists no " + expected + " for " + year
                        + ", which RC-holidays requires");
            }
            // Two days can share a date (Ascension was 1 May in 2008): the date counts once.
            dates.putIfAbsent(date, expected);
        }
        return Collections.unmodifiableNavigableMap(dates);
    }

    private static IntFunction<Set<Holiday>> jollyday(boolean alsaceMoselle) {
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.FRANCE));
        return alsaceMoselle
                ? year -> manager.getHolidays(Year.of(year), ALSACE_MOSELLE_SUBDIVISION)
                : year -> manager.getHolidays(Year.of(year));
    }
}
