package fr.progerance.ops.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayType;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RC-holidays: French public holidays from jollyday, exactly as the contract lists them")
class FrenchHolidaysTest {

    private final FrenchHolidays national = new FrenchHolidays(false);
    private final FrenchHolidays alsaceMoselle = new FrenchHolidays(true);

    @ParameterizedTest(name = "{0}: {1} is {2} (national {3}, Alsace-Moselle {4})")
    @CsvSource({
            "RC-holidays, 2026-01-01, NEW_YEAR,              true,  true",
            "RC-holidays, 2026-04-06, EASTER_MONDAY,         true,  true",
            "RC-holidays, 2026-05-01, LABOUR_DAY,            true,  true",
            "RC-holidays, 2026-05-08, VICTORY_IN_EUROPE_DAY, true,  true",
            "RC-holidays, 2026-05-14, ASCENSION_THURSDAY,    true,  true",
            "RC-holidays, 2026-05-25, WHIT_MONDAY,           true,  true",
            "RC-holidays, 2026-07-14, NATIONAL_DAY,          true,  true",
            "RC-holidays, 2026-08-15, ASSUMPTION,            true,  true",
            "RC-holidays, 2026-11-01, ALL_SAINTS,            true,  true",
            "RC-holidays, 2026-11-11, ARMISTICE,             true,  true",
            "RC-holidays, 2026-12-25, CHRISTMAS,             true,  true",
            "RC-holidays, 2026-04-03, GOOD_FRIDAY,           false, true",
            "RC-holidays, 2026-12-26, SAINT_STEPHEN,         false, true",
            "RC-holidays, 2027-01-01, NEW_YEAR,              true,  true",
            "RC-holidays, 2026-04-05, ,                      false, false",
            "RC-holidays, 2026-05-24, ,                      false, false",
            "RC-holidays, 2026-12-24, ,                      false, false",
            "RC-holidays, 2026-12-31, ,                      false, false",
            "RC-holidays, 2026-05-15, ,                      false, false"
    })
    void holidaysOf2026(String rule, LocalDate date, PublicHoliday day, boolean nationally, boolean inAlsaceMoselle) {
        assertThat(national.isHoliday(date)).isEqualTo(nationally);
        assertThat(alsaceMoselle.isHoliday(date)).isEqualTo(inAlsaceMoselle);
        if (day != null) {
            assertThat(alsaceMoselle.holiday(date)).contains(day);
        }
        assertThat(national.holiday(date).isPresent()).isEqualTo(nationally);
    }

    @Test
    @DisplayName("RC-holidays: 2026 has exactly the eleven national days, no more")
    void exactNationalSetOf2026() {
        assertThat(national.holidays(2026)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.ofEntries(
                Map.entry(LocalDate.of(2026, 1, 1), PublicHoliday.NEW_YEAR),
                Map.entry(LocalDate.of(2026, 4, 6), PublicHoliday.EASTER_MONDAY),
                Map.entry(LocalDate.of(2026, 5, 1), PublicHoliday.LABOUR_DAY),
                Map.entry(LocalDate.of(2026, 5, 8), PublicHoliday.VICTORY_IN_EUROPE_DAY),
                Map.entry(LocalDate.of(2026, 5, 14), PublicHoliday.ASCENSION_THURSDAY),
                Map.entry(LocalDate.of(2026, 5, 25), PublicHoliday.WHIT_MONDAY),
                Map.entry(LocalDate.of(2026, 7, 14), PublicHoliday.NATIONAL_DAY),
                Map.entry(LocalDate.of(2026, 8, 15), PublicHoliday.ASSUMPTION),
                Map.entry(LocalDate.of(2026, 11, 1), PublicHoliday.ALL_SAINTS),
                Map.entry(LocalDate.of(2026, 11, 11), PublicHoliday.ARMISTICE),
                Map.entry(LocalDate.of(2026, 12, 25), PublicHoliday.CHRISTMAS))));
    }

    @Test
    @DisplayName("RC-holidays: Alsace-Moselle adds exactly Good Friday and 26 December")
    void alsaceMoselleAddsTwoDays() {
        Set<LocalDate> extra = new HashSet<>(alsaceMoselle.holidays(2026).keySet());
        extra.removeAll(national.holidays(2026).keySet());
        assertThat(extra).containsExactlyInAnyOrder(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 12, 26));
        assertThat(alsaceMoselle.holidays(2026)).hasSize(13);
        assertThat(alsaceMoselle.alsaceMoselle()).isTrue();
        assertThat(national.alsaceMoselle()).isFalse();
    }

    @Test
    @DisplayName("RC-holidays: every year of the next decade has the eleven days, moveable ones after Easter")
    void everyYearHasTheElevenDays() {
        for (int year = 2024; year <= 2036; year++) {
            Map<PublicHoliday, LocalDate> byDay = national.holidays(year).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
            assertThat(byDay).as("year %d", year).hasSize(11);
            LocalDate easterMonday = byDay.get(PublicHoliday.EASTER_MONDAY);
            assertThat(easterMonday.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
            assertThat(byDay.get(PublicHoliday.ASCENSION_THURSDAY)).isEqualTo(easterMonday.plusDays(38));
            assertThat(byDay.get(PublicHoliday.WHIT_MONDAY)).isEqualTo(easterMonday.plusDays(49));
        }
    }

    @Test
    @DisplayName("RC-holidays: Whit Monday counts in 2005 although jollyday omits it (journée de solidarité years)")
    void whitMondayDuringSolidarityYears() {
        assertThat(national.holiday(LocalDate.of(2005, 5, 16))).contains(PublicHoliday.WHIT_MONDAY);
        assertThat(national.holidays(2005)).hasSize(11);
    }

    @Test
    @DisplayName("RC-holidays: two days on one date (Ascension on 1 May 2008) count once")
    void sharedDate() {
        assertThat(national.holiday(LocalDate.of(2008, 5, 1))).contains(PublicHoliday.LABOUR_DAY);
        assertThat(national.holidays(2008)).hasSize(10);
    }

    @Test
    @DisplayName("RC-holidays: extra, regional or non-public entries from the source are dropped")
    void dropsWhatTheContractDoesNotList() {
        FrenchHolidays filtered = new FrenchHolidays(false, year -> {
            Set<Holiday> raw = new HashSet<>(new FrenchHolidays(true).holidays(year).entrySet().stream()
                    .map(e -> new Holiday(e.getKey(), e.getValue().jollydayKey(), HolidayType.PUBLIC_HOLIDAY))
                    .toList());
            raw.add(new Holiday(LocalDate.of(year, 4, 5), "christian.EASTER", HolidayType.PUBLIC_HOLIDAY));
            raw.add(new Holiday(LocalDate.of(year, 5, 24), "christian.PENTECOST", HolidayType.PUBLIC_HOLIDAY));
            raw.add(new Holiday(LocalDate.of(year, 2, 14), "VALENTINE", HolidayType.OBSERVANCE));
            raw.add(new Holiday(LocalDate.of(year, 6, 21), "NATIONAL_DAY", HolidayType.OBSERVANCE));
            return raw;
        });
        assertThat(filtered.holidays(2026)).isEqualTo(national.holidays(2026));
        assertThat(filtered.isHoliday(LocalDate.of(2026, 4, 3))).as("Good Friday without Alsace-Moselle").isFalse();
        assertThat(filtered.isHoliday(LocalDate.of(2026, 12, 26))).as("26 December without Alsace-Moselle").isFalse();
    }

    @Test
    @DisplayName("RC-holidays: a day missing from the source fails loudly instead of opening a business day")
    void missingDayFails() {
        FrenchHolidays broken = new FrenchHolidays(false, year -> national.holidays(year).entrySet().stream()
                .filter(e -> e.getValue() != PublicHoliday.CHRISTMAS)
                .map(e -> new Holiday(e.getKey(), e.getValue().jollydayKey(), HolidayType.PUBLIC_HOLIDAY))
                .collect(Collectors.toSet()));
        assertThatThrownBy(() -> broken.isHoliday(LocalDate.of(2026, 3, 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CHRISTMAS").hasMessageContaining("2026");
    }

    @Test
    @DisplayName("RC-holidays: each year is computed once and cached")
    void cachedPerYear() {
        int[] calls = {0};
        FrenchHolidays counting = new FrenchHolidays(false, year -> {
            calls[0]++;
            return national.holidays(year).entrySet().stream()
                    .map(e -> new Holiday(e.getKey(), e.getValue().jollydayKey(), HolidayType.PUBLIC_HOLIDAY))
                    .collect(Collectors.toSet());
        });
        for (LocalDate d : List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 12, 31))) {
            counting.isHoliday(d);
        }
        assertThat(calls[0]).isEqualTo(1);
        assertThat(counting.holidays(2026)).isSameAs(counting.holidays(2026));
    }

    @Test
    @DisplayName("RC-holidays: absurd years are refused")
    void unsupportedYears() {
        assertThatThrownBy(() -> national.isHoliday(LocalDate.of(1899, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1899");
        assertThatThrownBy(() -> national.holidays(9999))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999");
        assertThat(FrenchHolidays.isSupportedYear(2026)).isTrue();
    }
}
