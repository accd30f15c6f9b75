package fr.progerance.ops.update.apply;

import fr.progerance.ops.update.shop.ShopVersionNotFoundException;
import fr.progerance.ops.update.shop.ShopVersionReading;
import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.version.PrestaShopVersion;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The shop-version port (DESIGN rule 10): what each fake shop's files say; no entry, no version file. */
final class FakeShopVersions implements ShopVersions {

    private final Clock clock;
    private final Map<Long, String> shops = new ConcurrentHashMap<>();
    private final Map<Long, ShopVersionReading> readings = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    FakeShopVersions(Clock clock) {
        this.clock = clock;
    }

    /** The version the server's files hold from now on. */
    void set(long serverId, String version) {
        shops.put(serverId, version);
    }

    /** The server's version files are gone (a broken update). */
    void remove(long serverId) {
        shops.remove(serverId);
    }

    @Override
    public ShopVersionReading read(long serverId) {
        reads.incrementAndGet();
        String version = shops.get(serverId);
        if (version == null) {
            throw new ShopVersionNotFoundException("No PrestaShop version in src/Core/Version.php, app/AppKernel.php"
                    + " or config/settings.inc.php of server " + serverId);
        }
        ShopVersionReading reading = new ShopVersionReading(serverId, PrestaShopVersion.parse(version),
                "app/AppKernel.php", clock.instant());
        readings.put(serverId, reading);
        return reading;
    }

    @Override
    public Optional<ShopVersionReading> latest(long serverId) {
        return Optional.ofNullable(readings.get(serverId));
    }

    @Override
    public List<ShopVersionReading> latestOfAll() {
        return List.copyOf(readings.values());
    }
}
