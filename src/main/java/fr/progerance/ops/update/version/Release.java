package fr.progerance.ops.update.version;

import java.time.LocalDate;

/**
 * A published PrestaShop release, from the release catalogue.
 *
 * @param version the release
 * @param publishedOn its publication date (R4.0-b counts the delay from it)
 * @param security true when the release fixes security advisories (security releases come first)
 * @param source where the row comes from (release notes URL)
 */
public record Release(PrestaShopVersion version, LocalDate publishedOn, boolean security, String source) {
}
