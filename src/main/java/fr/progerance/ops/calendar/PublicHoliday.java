package fr.progerance.ops.calendar;

import java.util.Optional;

/**
 * The public holidays of RC-holidays, exactly: eleven national days, plus two days observed only
 * under the Alsace-Moselle setting. Each names the jollyday properties key that carries it, so
 * {@link FrenchHolidays} keeps what the contract lists and drops anything else jollyday might add.
 */
public enum PublicHoliday {

    NEW_YEAR("NEW_YEAR", false),
    EASTER_MONDAY("christian.EASTER_MONDAY", false),
    LABOUR_DAY("LABOUR_DAY", false),
    VICTORY_IN_EUROPE_DAY("VICTORY_DAY", false),
    ASCENSION_THURSDAY("christian.ASCENSION_DAY", false),
    WHIT_MONDAY("christian.WHIT_MONDAY", false),
    NATIONAL_DAY("NATIONAL_DAY", false),
    ASSUMPTION("ASSUMPTION_MARY", false),
    ALL_SAINTS("ALL_SAINTS", false),
    ARMISTICE("ARMISTICE", false),
    CHRISTMAS("CHRISTMAS", false),
    /** RC-holidays, Alsace-Moselle only. */
    GOOD_FRIDAY("christian.GOOD_FRIDAY", true),
    /** RC-holidays, Alsace-Moselle only (26 December). */
    SAINT_STEPHEN("SECOND_CHRISTMAS_DAY", true);

    private final String jollydayKey;
    private final boolean alsaceMoselleOnly;

    PublicHoliday(String jollydayKey, boolean alsaceMoselleOnly) {
        this.jollydayKey = jollydayKey;
        this.alsaceMoselleOnly = alsaceMoselleOnly;
    }

    /** The properties key jollyday gives this day in its France calendar. */
    public String jollydayKey() {
        return jollydayKey;
    }

    /** True for the two days Alsace-Moselle adds (RC-holidays). */
    public boolean alsaceMoselleOnly() {
        return alsaceMoselleOnly;
    }

    /** Whether this day is a holiday under the given Alsace-Moselle setting. */
    public boolean appliesTo(boolean alsaceMoselle) {
        return alsaceMoselle || !alsaceMoselleOnly;
    }

    static Optional<PublicHoliday> ofJollydayKey(String key) {
        for (PublicHoliday h : values()) {
            if (h.jollydayKey.equals(key)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
