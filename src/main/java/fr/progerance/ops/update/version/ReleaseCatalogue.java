package fr.progerance.ops.update.version;

import java.util.List;
import java.util.Optional;

/**
 * The releases PrestaShop published. The source is the setting {@code ops.update.catalogue.location}
 * (a Spring resource location; the default is the bundled {@code classpath:update/prestashop-releases.csv},
 * each row with its source). A bad row stops the start naming the line.
 */
public interface ReleaseCatalogue {

    /** Every release, oldest first: in version order (lowest first; 8.0.5 comes before 8.1.0 though published after it). */
    List<Release> releases();

    /**
     * The releases newer than {@code current} up to {@code target} included, in version order: what
     * an update from one to the other brings (e.g. the earliest security release among them, whose
     * publication starts the R4.0-b delay). Empty when {@code target} is not newer. (A default
     * method, so that fakes of this interface need not implement it.)
     */
    default List<Release> between(PrestaShopVersion current, PrestaShopVersion target) {
        return releases().stream()
                .filter(r -> r.version().compareRelease(current) > 0 && r.version().compareRelease(target) <= 0)
                .toList();
    }

    /** The release of exactly that version (a package suffix such as {@code -1} ignored), if listed. */
    Optional<Release> release(PrestaShopVersion version);

    /**
     * The update the contract includes for a shop at {@code current} (RD-ps): the newest release
     * that is a MINOR or PATCH from it; when a newer one fixing security advisories exists, still the
     * newest, but {@link Release#security()} of the answer is true if ANY release between current
     * (excluded) and the answer (included) is a security release.
     */
    Optional<Release> minorUpdateFor(PrestaShopVersion current);

    /** The newest MAJOR release from {@code current}, if any (R4.0-c: quoted first). */
    Optional<Release> majorUpdateFor(PrestaShopVersion current);
}
