package fr.progerance.ops.update.version;

import java.util.List;

/**
 * A PrestaShop release number: {@code 1.7.8.11}, {@code 8.1.7}, {@code 9.0.0}, with an optional
 * package suffix that does not take part in the order's numbers ({@code 8.1.7-beta.1},
 * {@code 1.7.8.11+build2}, {@code 8.2.0~deb12}: see {@link #parse}).
 *
 * <p>Ordering compares the numbers (missing trailing numbers count as 0); a pre-release suffix
 * ({@code -alpha}, {@code -beta}, {@code -rc}) sorts before the same numbers without it.
 *
 * @param numbers the dot-separated numbers, 2 to 4 of them, each 0..9999
 * @param suffix what followed the numbers (with its separator), or "" when none
 */
public record PrestaShopVersion(List<Integer> numbers, String suffix) implements Comparable<PrestaShopVersion> {

    /**
     * Parses a version as PrestaShop and its packages write it. Leading/trailing blanks and a
     * leading {@code v} are accepted.
     *
     * @throws InvalidVersionException naming what is wrong (empty, not numbers, too many parts...)
     */
    public static PrestaShopVersion parse(String text) {
        throw new UnsupportedOperationException("helper A");
    }

    /** True from 1.x (1.6, 1.7): its first TWO numbers are the major ({@code 1.7}). */
    public boolean legacyScheme() {
        throw new UnsupportedOperationException("helper A");
    }

    /** The normalised text: the numbers joined by dots, then the suffix. */
    public String text() {
        throw new UnsupportedOperationException("helper A");
    }

    @Override
    public int compareTo(PrestaShopVersion other) {
        throw new UnsupportedOperationException("helper A");
    }

    @Override
    public String toString() {
        return text();
    }
}
