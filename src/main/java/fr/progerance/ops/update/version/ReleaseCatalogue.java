package fr.progerance.ops.update.version;

import java.util.List;
import java.util.Optional;

/**
 * The releases PrestaShop published. The source is the setting {@code ops.update.catalogue.location}
 * (a Spring resource location; the default is the bundled {@code classpath:update/prestashop-releases.csv},
 * each row with its source). A bad row stops the start naming the line.
 */
public interface ReleaseCatalogue {

    /** Every release, oldest first. */
    List<Release> releases();

    /** The release of exactly that version, if listed. */
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
