package fr.progerance.ops.contract;

import fr.progerance.ops.remote.HostKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Formats of the register's fields. The patterns are strict on purpose: server fields reach SSH
 * sessions and remote shell templates later (DESIGN rule 8), so nothing that a shell could
 * interpret gets in. The constants serve the request records' Bean Validation annotations, the
 * checks serve the services.
 */
public final class FieldRules {

    /** POSIX-portable login name, as {@code useradd} accepts by default. */
    public static final String SSH_USER = "[a-z_][a-z0-9_-]{0,31}";
    /** As {@code ssh-keygen -lf} prints a SHA-256 fingerprint: base64 of 32 bytes without padding. */
    public static final String HOST_KEY_FINGERPRINT = "SHA256:[A-Za-z0-9+/]{43}";
    /** Absolute path; each segment starts with a letter, digit or underscore (no {@code .}, {@code ..}, {@code -x}). */
    public static final String INSTALL_PATH = "(/[A-Za-z0-9_][A-Za-z0-9._-]*)+";
    public static final String DATABASE_NAME = "[A-Za-z0-9_]{1,64}";
    /**
     * RD-ps: a shop's back-office directory name, the update assistant's argument: letters, digits,
     * {@code _} and {@code -}, at most 64, never starting with {@code -} (the assistant's console would
     * read it as an option). The same as the command template's {@code ADMIN_DIRECTORY}.
     */
    public static final String ADMIN_DIRECTORY = "[A-Za-z0-9_][A-Za-z0-9_-]{0,63}";
    /** Server names end up in file names, repository names and logs: a safe token. */
    public static final String SERVER_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    public static final String CONTRACT_REFERENCE = "[A-Za-z0-9][A-Za-z0-9._-]{1,39}";
    /** Issue 6: the expected HTTP status of a shop is a status code HTTP can answer (RFC 9110: 1xx to 5xx). */
    public static final int SHOP_STATUS_MIN = 100;
    public static final int SHOP_STATUS_MAX = 599;
    /**
     * Issue 7: the largest amount (a monthly fee, an emergency budget) the register takes, in euros
     * excluding tax. A sanity guard against absurd inputs ({@code 1e2147483647}), not a contract
     * number; the columns hold ten integer digits.
     */
    public static final String MAX_AMOUNT = "1000000.00";
    public static final String MAX_AMOUNT_MESSAGE = "must be at most " + MAX_AMOUNT + " euros";
    /** Issue 6: a keyword is a short text of the page, such as the shop's name. */
    public static final int SHOP_KEYWORD_MAX_LENGTH = 200;

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern PHONE_CHARS = Pattern.compile("\\+?[0-9][0-9 ().-]*[0-9]");
    private static final Pattern FRENCH_POSTAL_CODE = Pattern.compile("[0-9]{5}");
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,9}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private FieldRules() {
    }

    public static Optional<String> emailProblem(String email) {
        return EMAIL.matcher(email).matches() ? Optional.empty() : Optional.of("is not a valid email address");
    }

    /**
     * International-ish phone numbers: an optional leading {@code +}, digits, and spaces, dots,
     * hyphens or parentheses for readability; 8 to 15 digits (E.164 has at most 15).
     */
    public static Optional<String> phoneProblem(String phone) {
        long digits = phone.chars().filter(Character::isDigit).count();
        if (!PHONE_CHARS.matcher(phone).matches() || digits < 8 || digits > 15
                || phone.startsWith("+0")) {
            return Optional.of("must be a phone number such as +33 1 23 45 67 89 (8 to 15 digits)");
        }
        return Optional.empty();
    }

    /** ISO 3166-1 alpha-2, upper case. */
    public static Optional<String> countryProblem(String country) {
        return COUNTRIES.contains(country) ? Optional.empty()
                : Optional.of("must be an ISO 3166-1 alpha-2 country code in upper case, e.g. FR");
    }

    public static Optional<String> postalCodeProblem(String postalCode, String country) {
        if ("FR".equals(country)) {
            return FRENCH_POSTAL_CODE.matcher(postalCode).matches() ? Optional.empty()
                    : Optional.of("a French postal code has 5 digits");
        }
        return POSTAL_CODE.matcher(postalCode).matches() ? Optional.empty()
                : Optional.of("must be 2 to 10 letters, digits, spaces or hyphens");
    }

    /** The fingerprint's base64 must be canonical: exactly 32 bytes, unused trailing bits zero. */
    public static Optional<String> fingerprintProblem(String fingerprint) {
        return HostKeys.fingerprintProblem(fingerprint);
    }

    /**
     * Issue 6: the text a shop's page must contain, already trimmed. Short, and on one line: a
     * control character (tab, line break, NUL...) never matches what a page shows.
     */
    public static Optional<String> shopKeywordProblem(String keyword) {
        if (keyword.length() > SHOP_KEYWORD_MAX_LENGTH) {
            return Optional.of("must be at most " + SHOP_KEYWORD_MAX_LENGTH + " characters");
        }
        if (keyword.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters (tab, line break...)");
        }
        return Optional.empty();
    }

    /** An http(s) URL of a shop: no credentials in it, no fragment, a valid host ({@link AddressPolicy#STRICT}). */
    public static Optional<String> shopUrlProblem(String url) {
        return shopUrlProblem(url, AddressPolicy.STRICT);
    }

    /** As {@link #shopUrlProblem(String)}, its host judged by {@code policy} ({@link HostAddresses}). */
    public static Optional<String> shopUrlProblem(String url, AddressPolicy policy) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http:// or https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not contain a fragment (#...)");
        }
        String host = uri.getHost();
        if (host == null) {
            return Optional.of("must name a valid host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return HostAddresses.problem(host, policy).map(p -> "host " + p);
    }
}
