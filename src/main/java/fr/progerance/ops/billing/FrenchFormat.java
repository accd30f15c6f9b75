package fr.progerance.ops.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the client reads amounts, rates and dates (French): {@code 1 234,56 €}, {@code 1,5}, {@code 16 décembre 2026}. */
public final class FrenchFormat {

    private static final Locale FRENCH = Locale.FRANCE;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", FRENCH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", FRENCH);

    private FrenchFormat() {
    }

    /** {@code 1 234,56 €} (a no-break space groups thousands and precedes the sign). */
    public static String euros(BigDecimal amount) {
        return pattern("#,##0.00").format(amount.setScale(2, RoundingMode.HALF_UP)) + "\u00a0€";
    }

    /** {@code 40 €} for a whole amount, else as {@link #euros}. */
    public static String wholeEuros(BigDecimal amount) {
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
        if (cents.stripTrailingZeros().scale() <= 0) {
            return pattern("#,##0").format(cents) + "\u00a0€";
        }
        return euros(cents);
    }

    /** {@code 1,5}, {@code 3}, {@code 20}: a plain decimal without trailing zeros. */
    public static String decimal(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString().replace('.', ',');
    }

    /** A rate such as 0.20 as {@code 20 %}. */
    public static String percent(BigDecimal rate) {
        return decimal(rate.movePointRight(2)) + "\u00a0%";
    }

    /** {@code 16 décembre 2026}, {@code 1er mars 2026}. */
    public static String date(LocalDate date) {
        return date.getDayOfMonth() == 1 ? "1er " + date.format(MONTH) : date.format(DATE);
    }

    /** {@code mars 2026}. */
    public static String month(LocalDate date) {
        return date.format(MONTH);
    }

    /** {@code 15 jours}, {@code 1 mois}; other periods as ISO-8601 text. */
    public static String period(Period period) {
        if (period.getYears() == 0 && period.getMonths() == 0) {
            return period.getDays() + (period.getDays() > 1 ? " jours" : " jour");
        }
        if (period.getYears() == 0 && period.getDays() == 0) {
            return period.getMonths() + " mois";
        }
        return period.toString();
    }

    private static DecimalFormat pattern(String pattern) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(FRENCH);
        symbols.setGroupingSeparator('\u00a0');
        symbols.setDecimalSeparator(',');
        DecimalFormat format = new DecimalFormat(pattern, symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format;
    }
}
