package fr.progerance.ops.update.shop;

import fr.progerance.ops.update.version.PrestaShopVersion;
import java.time.Instant;

/**
 * The PrestaShop version read from a shop's own files over SSH, as stored per server.
 *
 * @param serverId the server (contract register)
 * @param version what the shop's files say
 * @param file the file it was read from, relative to the install path ({@code src/Core/Version.php}
 *     for 9 and 8.1+, which have it, {@code app/AppKernel.php} for 1.7 and the 8 releases without it,
 *     {@code config/settings.inc.php} for 1.6): {@link VersionFile#path()}
 * @param readAt when it was read (the application clock)
 */
public record ShopVersionReading(long serverId, PrestaShopVersion version, String file, Instant readAt) {
}
