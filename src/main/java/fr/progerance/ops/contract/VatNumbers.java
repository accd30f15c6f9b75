package fr.progerance.ops.contract;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intra-EU VAT numbers of clients (invoices, R7.1). French numbers are checked against their real
 * key; other EU numbers only by shape, because each state has its own checksum and only VIES can
 * confirm a number exists.
 */
public final class VatNumbers {

    /** VAT prefixes of the EU member states: Greece is EL (not GR); XI is Northern Ireland. */
    static final Set<String> EU_PREFIXES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES",
            "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
            "XI");

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[0-9A-Z]{2,12}");
    private static final Pattern FRENCH = Pattern.compile("FR([0-9]{2})([0-9]{9})");

    private VatNumbers() {
    }

    /** Upper case, without the spaces, dots and hyphens people type for readability. */
    public static String normalise(String raw) {
        return raw == null ? null : raw.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
    }

    /** What is wrong with a normalised VAT number, or empty when it is acceptable. */
    public static Optional<String> problem(String vat) {
        if (vat == null || !SHAPE.matcher(vat).matches()) {
            return Optional.of("must be a country prefix followed by 2 to 12 letters or digits, e.g. FR40303265045");
        }
        String prefix = vat.substring(0, 2);
        if (!EU_PREFIXES.contains(prefix)) {
            return Optional.of("'" + prefix + "' is not the prefix of an EU VAT number");
        }
        if (prefix.equals("FR")) {
            Matcher m = FRENCH.matcher(vat);
            if (!m.matches()) {
                return Optional.of("a French VAT number is FR, a 2-digit key and the 9-digit SIREN");
            }
            int key = Integer.parseInt(m.group(1));
            int expected = frenchKey(m.group(2));
            if (key != expected) {
                return Optional.of("the key " + m.group(1) + " does not match SIREN " + m.group(2)
                        + " (expected " + String.format(Locale.ROOT, "%02d", expected) + ")");
            }
        }
        return Optional.empty();
    }

    /** The key of a French VAT number: (12 + 3 × (SIREN mod 97)) mod 97. */
    public static int frenchKey(String siren) {
        long number = Long.parseLong(siren);
        return (int) ((12 + 3 * (number % 97)) % 97);
    }
}
