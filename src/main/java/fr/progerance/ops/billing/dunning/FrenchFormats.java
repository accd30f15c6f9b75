package fr.progerance.ops.billing.dunning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How amounts and dates read in the French mails: {@code 1 234,56 €}, {@code 16 décembre 2025}. */
public final class FrenchFormats {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm",
            Locale.FRENCH);

    private FrenchFormats() {
    }

    /** Euros with two decimals, a comma and spaces between thousands: {@code 1 234,56 €}. */
    public static String euros(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.FRENCH);
        symbols.setDecimalSeparator(',');
        symbols.setGroupingSeparator('\u00a0');
        DecimalFormat format = new DecimalFormat("#,##0.00", symbols);
        return format.format(amount.setScale(2, RoundingMode.HALF_UP)) + "\u00a0€";
    }

    /** {@code 16 décembre 2025}. */
    public static String date(LocalDate date) {
        return date == null ? null : DATE.format(date);
    }

    /** {@code mardi 16 décembre 2025 à 00h00} (the contract zone's local time). */
    public static String dateTime(OffsetDateTime at) {
        return at == null ? null : DATE_TIME.format(at);
    }
}
