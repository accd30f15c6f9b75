package fr.progerance.ops.update.shop;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteExecutor;
import fr.progerance.ops.update.version.PrestaShopVersion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RD-ps: reads what each shop runs from its own files over SSH, with one read-only command template
 * ({@link CommandTemplate#SHOP_VERSION_LINES}: bounded, pinned host key, DESIGN rule 8), and keeps
 * each reading with its time (table {@code ops_server_version}). R5.7: readings older than
 * {@code ops.update.shop.version-retention} (one year) are forgotten whenever a new one is stored.
 * No database transaction is open while the server is read.
 */
@Service
public class RemoteShopVersions implements ShopVersions {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteShopVersions.class);

    private final ShopServers servers;
    private final RemoteExecutor executor;
    private final ServerVersionRecordRepository readings;
    private final ContractClock clock;
    private final ShopUpdateSettings settings;
    private final TransactionTemplate transaction;

    public RemoteShopVersions(ShopServers servers, RemoteExecutor executor, ServerVersionRecordRepository readings,
            ContractClock clock, ShopUpdateSettings settings, PlatformTransactionManager transactions) {
        this.servers = servers;
        this.executor = executor;
        this.readings = readings;
        this.clock = clock;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public ShopVersionReading read(long serverId) {
        ShopServer server = servers.get(serverId);
        CommandResult result = executor.run(server.target(), CommandTemplate.SHOP_VERSION_LINES,
                VersionFileLines.arguments(server.installPath()));
        VersionFileLines.Found found = VersionFileLines.interpret(server.installPath(), server.describe(), result);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what the database keeps
        ServerVersionRecord stored = transaction.execute(status -> {
            ServerVersionRecord record = readings.save(new ServerVersionRecord(serverId, found.version().text(),
                    found.file().path(), now));
            readings.deleteReadBefore(clock.periodBeforeNow(settings.versionRetention()));
            return record;
        });
        LOG.info("RD-ps: {} runs PrestaShop {} ({})", server.describe(), found.version(), found.file().path());
        return reading(stored);
    }

    @Override
    public Optional<ShopVersionReading> latest(long serverId) {
        return readings.findFirstByServerIdOrderByReadAtDescIdDesc(serverId).map(RemoteShopVersions::reading);
    }

    @Override
    public List<ShopVersionReading> latestOfAll() {
        return readings.findLatestOfEachServer().stream().map(RemoteShopVersions::reading).toList();
    }

    private static ShopVersionReading reading(ServerVersionRecord record) {
        return new ShopVersionReading(record.getServerId(), PrestaShopVersion.parse(record.getVersion()),
                record.getFile(), record.getReadAt());
    }
}
