package fr.progerance.ops.update.version;

import java.util.Objects;

/**
 * Classification of an update from one version to another ({@link UpdateKind}). Pure rules.
 *
 * <ul>
 *   <li>NONE when {@code to} is not a newer release than {@code from} (same numbers, a package
 *       revision of the same release, or older).</li>
 *   <li>MAJOR (R4.0-c, needs a quote) when the major changes: the first number from 8.0 (8 -> 9),
 *       the first two up to 1.7 (1.6 -> 1.7, 1.7 -> 8).</li>
 *   <li>MINOR (RD-ps, included) when the number after the major changes: 8.1 -> 8.2, 1.7.7 -> 1.7.8.</li>
 *   <li>PATCH (RD-ps, included) otherwise: 8.2.0 -> 8.2.1, 1.7.8.10 -> 1.7.8.11, or a pre-release to
 *       its release.</li>
 * </ul>
 */
public final class UpdateClassifier {

    private UpdateClassifier() {
    }

    /** {@link UpdateKind#NONE} when {@code to} is not newer than {@code from}. */
    public static UpdateKind classify(PrestaShopVersion from, PrestaShopVersion to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.compareRelease(from) <= 0) {
            return UpdateKind.NONE;
        }
        if (!from.major().equals(to.major())) {
            return UpdateKind.MAJOR;
        }
        if (from.minor() != to.minor()) {
            return UpdateKind.MINOR;
        }
        return UpdateKind.PATCH;
    }
}
