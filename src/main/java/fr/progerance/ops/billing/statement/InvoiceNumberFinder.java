package fr.progerance.ops.billing.statement;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds invoice numbers ({@code <prefix><year>-<6 digits>}, {@code BillingSettings.invoicing.numberPrefix})
 * in what a payer wrote. Payers and banks rewrite them, so it is tolerant:
 * <ul>
 * <li>letter case is ignored ({@code f2026-000123});</li>
 * <li>between the prefix and the year, and between the year and the six digits, up to three
 *     separators among space (also non-breaking), {@code -}, {@code _}, {@code .}, {@code /} or
 *     none ({@code F 2026 000123}, {@code F-2026/000123}, {@code F2026000123});</li>
 * <li>the year is 2000 to 2099; the six digits are neither split nor followed by another digit, and
 *     the prefix does not continue a word or a number ({@code REF2026-000123} is not {@code F...}).</li>
 * </ul>
 * Every number found is answered in its canonical form, {@code F2026-000123}.
 */
public final class InvoiceNumberFinder {

    private static final String SEPARATORS = "[\\s\u00A0\u202F\\-_./]{0,3}";

    private final String prefix;
    private final Pattern pattern;
    private final Pattern exact;

    public InvoiceNumberFinder(String prefix) {
        this.prefix = prefix == null ? "" : prefix.strip();
        String body = Pattern.quote(this.prefix) + SEPARATORS + "(20\\d{2})" + SEPARATORS + "(\\d{6})";
        this.pattern = Pattern.compile("(?<![\\p{L}\\p{N}])" + body + "(?!\\d)",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.exact = Pattern.compile("[\\s\u00A0\u202F]*" + body + "[\\s\u00A0\u202F]*",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /**
     * The distinct invoice numbers in {@code texts}, in order of appearance. Each text is searched,
     * and also all of them run together (banks cut a long remittance text into pieces of 140
     * characters, sometimes inside a number).
     */
    public Set<String> find(List<String> texts) {
        Set<String> found = new LinkedHashSet<>();
        for (String text : texts) {
            collect(text, found);
        }
        if (texts.size() > 1) {
            collect(String.join("", texts), found);
        }
        return found;
    }

    /** {@code text} as a canonical invoice number when it is exactly one (with the tolerances above). */
    public Optional<String> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = exact.matcher(text);
        return m.matches() ? Optional.of(canonical(m)) : Optional.empty();
    }

    /** An example number, for messages. */
    public String example() {
        return prefix + "2026-000123";
    }

    private void collect(String text, Set<String> found) {
        if (text == null) {
            return;
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(canonical(m));
        }
    }

    private String canonical(Matcher m) {
        return prefix + m.group(1) + "-" + m.group(2);
    }
}
