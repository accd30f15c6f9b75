package fr.progerance.ops.update.process;

import fr.progerance.ops.remote.UnreachableServerException;
import fr.progerance.ops.update.shop.ShopVersionReading;
import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.version.PrestaShopVersion;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of {@link ShopVersions} for the flow tests until helper B's SSH reading is merged: each
 * server's shop "runs" the version the test gives it; a server without one is unreachable.
 */
final class FakeShopVersions implements ShopVersions {

    private final Map<Long, PrestaShopVersion> shops = new ConcurrentHashMap<>();
    private final Map<Long, ShopVersionReading> readings = new ConcurrentHashMap<>();
    private final Clock clock;
    final AtomicInteger reads = new AtomicInteger();

    FakeShopVersions(Clock clock) {
        this.clock = clock;
    }

    /** The shop of {@code serverId} runs {@code version} from now on. */
    FakeShopVersions runs(long serverId, String version) {
        shops.put(serverId, PrestaShopVersion.parse(version));
        return this;
    }

    /** A stored reading, as if read earlier. */
    FakeShopVersions readEarlier(long serverId, String version) {
        runs(serverId, version);
        read(serverId);
        return this;
    }

    @Override
    public ShopVersionReading read(long serverId) {
        reads.incrementAndGet();
        PrestaShopVersion v = shops.get(serverId);
        if (v == null) {
            throw new UnreachableServerException("server " + serverId + " does not answer (test)", null);
        }
        ShopVersionReading r = new ShopVersionReading(serverId, v, "app/AppKernel.php", clock.instant());
        readings.put(serverId, r);
        return r;
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
