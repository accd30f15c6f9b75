package fr.progerance.ops.update.version;

import fr.progerance.ops.web.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PrestaShop release number: {@code 1.7.8.11}, {@code 8.1.7}, {@code 9.0.0}, with an optional
 * package suffix that does not take part in the order's numbers ({@code 8.1.7-beta.1},
 * {@code 1.7.8.11+build2}, {@code 8.2.0~deb12}: see {@link #parse}).
 *
 * <p>Two schemes (RD-ps, R4.0-c): up to 1.7 the first TWO numbers are the major ({@code 1.7.8.11}:
 * major 1.7, minor 8, patch 11; {@link #legacyScheme()}); from 8.0 PrestaShop follows semantic
 * versioning ({@code 8.1.7}: major 8, minor 1, patch 7). There is no PrestaShop 2 to 7.
 *
 * <p>Ordering compares the numbers (missing trailing numbers count as 0); a pre-release suffix
 * ({@code -alpha}, {@code -beta}, {@code -rc}, {@code -dev}, also after {@code ~}) sorts before the
 * same numbers without it, pre-releases by their kind (dev, alpha, beta, rc) then their number. Any
 * other suffix is a package revision or build ({@code -1}, {@code +build2}, {@code ~deb12u1}): the
 * same release as without it ({@link #sameRelease}); {@link #compareTo} only uses it last, to stay
 * consistent with {@code equals}.
 *
 * @param numbers the dot-separated numbers, 2 to 4 of them (at most 3 from 8.0), each 0..9999;
 *     the first is 1 or at least 8
 * @param suffix what followed the numbers (with its separator), or "" when none
 */
public record PrestaShopVersion(List<Integer> numbers, String suffix) implements Comparable<PrestaShopVersion> {

    /** Longest text {@link #parse} reads (after trimming blanks): the longest real one is 20-odd characters. */
    public static final int MAX_LENGTH = 64;
    /** Largest single number: PrestaShop's are small (1.7.8.11); a longer one is a typo or garbage. */
    public static final int MAX_NUMBER = 9999;

    private static final String EXAMPLE = "e.g. 8.1.7 or 1.7.8.11";
    private static final Pattern NUMBERS = Pattern.compile("[0-9]+(?:\\.[0-9]+)*");
    private static final String SUFFIX_RULE =
            "after the numbers only a package suffix such as -beta.1, +build2 or ~deb12u1 may follow";
    private static final Pattern SUFFIX = Pattern.compile("[-+~][0-9A-Za-z][0-9A-Za-z.+~_-]*");
    private static final Pattern PRE_RELEASE = Pattern.compile("[-~](dev|alpha|beta|pre|preview|rc|a|b)(?![a-z])(.*)");
    private static final Pattern FIRST_NUMBER = Pattern.compile("[0-9]{1,9}");

    public PrestaShopVersion {
        numbers = List.copyOf(numbers);
        suffix = suffix == null ? "" : suffix;
        String problem = problem(numbers);
        if (problem != null) {
            throw new InvalidVersionException("not a PrestaShop version: " + problem);
        }
        if (!suffix.isEmpty() && !SUFFIX.matcher(suffix).matches()) {
            throw new InvalidVersionException("not a PrestaShop version: " + SUFFIX_RULE);
        }
    }

    /**
     * Parses a version as PrestaShop and its packages write it. Leading/trailing blanks and a
     * leading {@code v} are accepted; so is a package suffix after {@code -}, {@code +} or {@code ~}
     * made of letters, digits and {@code . + ~ _ -}.
     *
     * @throws InvalidVersionException naming what is wrong (empty, not numbers, too many parts...),
     *     quoting at most {@value Excerpt#QUOTE_LENGTH} characters of the text
     */
    public static PrestaShopVersion parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidVersionException("is required, " + EXAMPLE);
        }
        String value = text.strip();
        if (value.length() > MAX_LENGTH) {
            throw new InvalidVersionException(Excerpt.quoted(value) + " is not a PrestaShop version: "
                    + value.length() + " characters, at most " + MAX_LENGTH);
        }
        String rest = value.startsWith("v") || value.startsWith("V") ? value.substring(1) : value;
        Matcher numbersPart = NUMBERS.matcher(rest);
        if (!numbersPart.lookingAt()) {
            throw bad(value, "it must start with numbers separated by dots, " + EXAMPLE);
        }
        String suffix = rest.substring(numbersPart.end());
        if (suffix.startsWith(".")) {
            throw bad(value, "a number is missing between two dots or at the end");
        }
        if (!suffix.isEmpty() && !SUFFIX.matcher(suffix).matches()) {
            throw bad(value, SUFFIX_RULE);
        }
        List<Integer> numbers = new ArrayList<>();
        for (String part : numbersPart.group().split("\\.")) {
            // At most 4 digits are read: a longer number is refused by problem() without overflowing.
            numbers.add(part.length() > 4 ? MAX_NUMBER + 1 : Integer.parseInt(part));
        }
        String problem = problem(numbers);
        if (problem != null) {
            throw bad(value, problem);
        }
        return new PrestaShopVersion(numbers, suffix);
    }

    /** What is wrong with these numbers as a PrestaShop version, or null when nothing is. */
    private static String problem(List<Integer> numbers) {
        if (numbers.size() < 2) {
            return "it needs at least a major and a minor number, " + EXAMPLE;
        }
        if (numbers.size() > 4) {
            return "it has " + numbers.size() + " numbers, at most 4 (1.7.8.11)";
        }
        for (Integer n : numbers) {
            if (n == null || n < 0 || n > MAX_NUMBER) {
                return "each number is 0 to " + MAX_NUMBER;
            }
        }
        int first = numbers.get(0);
        if (first != 1 && first < 8) {
            return "PrestaShop versions are 1.x (up to 1.7.8.x) or 8 and later; there is no " + first + ".x";
        }
        if (first >= 8 && numbers.size() > 3) {
            return "from 8.0 a version has at most 3 numbers (major.minor.patch)";
        }
        return null;
    }

    private static InvalidVersionException bad(String value, String why) {
        return new InvalidVersionException(Excerpt.quoted(value) + " is not a PrestaShop version: " + why);
    }

    /** True from 1.x (1.6, 1.7): its first TWO numbers are the major ({@code 1.7}). */
    public boolean legacyScheme() {
        return numbers.get(0) == 1;
    }

    /** The normalised text: the numbers joined by dots, then the suffix. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < numbers.size(); i++) {
            sb.append(i == 0 ? "" : ".").append(numbers.get(i));
        }
        return sb.append(suffix).toString();
    }

    /**
     * The number at {@code index} (0 = first); 0 past the written numbers, so {@code 8.1} is
     * {@code 8.1.0} and {@code 1.7.8} is {@code 1.7.8.0}.
     */
    public int number(int index) {
        return index < numbers.size() ? numbers.get(index) : 0;
    }

    /**
     * R4.0-c: the numbers that make the major: the first two up to 1.7 ({@code [1, 7]}), the
     * first one from 8 ({@code [8]}).
     */
    public List<Integer> major() {
        return legacyScheme() ? List.of(number(0), number(1)) : List.of(number(0));
    }

    /** RD-ps: the number after the major ({@code 8} in 1.7.8.11, {@code 1} in 8.1.7). */
    public int minor() {
        return legacyScheme() ? number(2) : number(1);
    }

    /** True when the suffix marks a pre-release ({@code -beta.1}, {@code -rc.2}, {@code ~alpha}). */
    public boolean preRelease() {
        return PRE_RELEASE.matcher(suffix.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Compares releases: the numbers, then a pre-release before its release; package revisions and
     * builds ({@code -1}, {@code +build2}, {@code ~deb12u1}) are ignored.
     */
    public int compareRelease(PrestaShopVersion other) {
        for (int i = 0; i < 4; i++) {
            int c = Integer.compare(number(i), other.number(i));
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(preReleaseRank(), other.preReleaseRank());
    }

    /** The same release whatever the package suffix ({@code 8.1.7}, {@code 8.1.7-1}, {@code v8.1.7+build2}). */
    public boolean sameRelease(PrestaShopVersion other) {
        return compareRelease(other) == 0;
    }

    /** Release order ({@link #compareRelease}), then the suffix's text so that the order is consistent with {@code equals}. */
    @Override
    public int compareTo(PrestaShopVersion other) {
        int c = compareRelease(other);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(numbers.size(), other.numbers.size());
        return c != 0 ? c : suffix.compareTo(other.suffix);
    }

    /** A release ranks above every pre-release; pre-releases by kind (dev, alpha, beta, pre, rc) then number. */
    private long preReleaseRank() {
        Matcher m = PRE_RELEASE.matcher(suffix.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Long.MAX_VALUE;
        }
        int kind = switch (m.group(1)) {
            case "dev" -> 0;
            case "alpha", "a" -> 1;
            case "beta", "b" -> 2;
            case "pre", "preview" -> 3;
            default -> 4;
        };
        Matcher n = FIRST_NUMBER.matcher(m.group(2));
        long number = n.find() ? Long.parseLong(n.group()) : 0;
        return kind * 1_000_000_000L + number;
    }

    @Override
    public String toString() {
        return text();
    }
}
