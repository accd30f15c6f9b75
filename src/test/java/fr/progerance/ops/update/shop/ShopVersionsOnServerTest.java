package fr.progerance.ops.update.shop;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.serverBody;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.remote.RemoteException;
import fr.progerance.ops.remote.RemoteExecutor;
import fr.progerance.ops.update.shop.PrestaShopFixture.Layout;
import fr.progerance.ops.web.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * RD-ps: {@link ShopVersions} against a real SSH server (DESIGN rule 10) serving fixture shops of the
 * 1.6, 1.7, 8 and 9 layouts: the real {@code grep} reads the real files through the command template.
 */
@OpsSpringBootTest
@DisplayName("RD-ps: a shop's version is read over SSH from its own files and kept per server (real SSH server)")
class ShopVersionsOnServerTest {

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    static Path dir;

    @LocalServerPort
    int port;
    @Autowired
    ShopVersions versions;
    @Autowired
    RemoteExecutor executor;
    @Autowired
    MovableClock clock;
    @Autowired
    ServerVersionRecordRepository records;

    @BeforeAll
    static void php() {
        PrestaShopFixture.serveWith(SSH.start(), dir);
    }

    @BeforeEach
    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A server of the register whose shop is {@code shop} on the embedded SSH server. */
    private long server(PrestaShopFixture shop) {
        RegisterApi register = new RegisterApi(port);
        long contractId = register.createContract(register.createClient());
        return created(register.api.post("/api/servers", with(serverBody(contractId, "PROGERANCE"),
                "address", SSH.host(), "sshPort", SSH.port(), "sshUser", SSH.user(),
                "hostKeyFingerprint", SSH.hostKeyFingerprint(), "installPath", shop.installPath().toString(),
                "adminDirectory", shop.adminDirectory())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PS_16, 1.6.1.24, config/settings.inc.php", "PS_17, 1.7.8.10, app/AppKernel.php",
        "PS_8, 8.1.6, src/Core/Version.php", "PS_9, 9.0.0, src/Core/Version.php",
        "PS_17, 1.7.7.8, app/AppKernel.php", "PS_8, 8.2.1, src/Core/Version.php", "PS_9, 9.0.2, src/Core/Version.php"})
    @DisplayName("RD-ps: every layout is read right, from the file of its layout, with one read-only command, and kept with the time")
    void everyLayout(Layout layout, String version, String file) {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, layout, version);
        long serverId = server(shop);
        Instant now = Instant.parse("2026-05-04T08:15:30.123456Z");
        clock.set(now);
        SSH.reset();

        ShopVersionReading reading = versions.read(serverId);

        assertThat(reading.serverId()).isEqualTo(serverId);
        assertThat(reading.version().text()).isEqualTo(version);
        assertThat(reading.file()).isEqualTo(file);
        assertThat(reading.readAt()).isEqualTo(now);
        String install = shop.installPath().toString();
        assertThat(SSH.executedCommands()).containsExactly("env LC_ALL=C grep --with-filename"
                + " --binary-files=without-match --max-count=20 --fixed-strings --regexp=VERSION -- '" + install
                + "/src/Core/Version.php' '" + install + "/app/AppKernel.php' '" + install + "/config/settings.inc.php'");
        assertThat(versions.latest(serverId)).contains(reading);
        assertThat(versions.latestOfAll()).contains(reading);
    }

    @Test
    @DisplayName("RD-ps: only the version lines leave the server: never the database password or cookie keys of settings.inc.php")
    void secretsStayOnTheServer() {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_16);
        CommandResult result = executor.run(SSH.target(), CommandTemplate.SHOP_VERSION_LINES,
                VersionFileLines.arguments(shop.installPath().toString()));
        assertThat(shop.read("config/settings.inc.php")).contains("_DB_PASSWD_", "_COOKIE_KEY_", "_RIJNDAEL_KEY_");
        assertThat(result.stdout()).contains("1.6.1.24").doesNotContain("_DB_PASSWD_", "_COOKIE_KEY_", "_RIJNDAEL_KEY_",
                "NeverLeaves", "never-leaves");
    }

    @Test
    @DisplayName("RD-ps: the latest reading of each server is the one kept for it; a new reading after an update replaces it")
    void latest() {
        PrestaShopFixture a = PrestaShopFixture.create(dir, Layout.PS_8, "8.1.6");
        PrestaShopFixture b = PrestaShopFixture.create(dir, Layout.PS_17);
        long serverA = server(a);
        long serverB = server(b);
        assertThat(versions.latest(serverA)).isEmpty();
        assertThat(versions.latestOfAll()).extracting(ShopVersionReading::serverId).doesNotContain(serverA, serverB);

        clock.set(Instant.parse("2026-05-04T06:00:00Z"));
        versions.read(serverA);
        versions.read(serverB);
        clock.advance(Duration.ofDays(1));
        a.updateTo("8.2.1");
        SSH.reset();
        // what update:start does to the files, as the stand-in does it
        assertThat(executor.run(SSH.target(), CommandTemplate.ASSISTANT_UPDATE_START,
                a.moduleDirectory().toString(), a.adminDirectory()).succeeded()).isTrue();
        ShopVersionReading after = versions.read(serverA);

        assertThat(after.version().text()).isEqualTo("8.2.1");
        assertThat(versions.latest(serverA)).contains(after);
        assertThat(versions.latestOfAll()).filteredOn(r -> r.serverId() == serverA || r.serverId() == serverB)
                .extracting(r -> r.version().text()).containsExactly("8.2.1", "1.7.8.10");
    }

    @Test
    @DisplayName("RD-ps: garbage in the version file is refused clearly, naming the server and the file, and nothing is kept")
    void garbageRefused() {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_9);
        long serverId = server(shop);
        shop.write("src/Core/Version.php", "<?php\nfinal class Version\n{\n    public const VERSION = 'nine point oh';\n}\n");
        assertThatThrownBy(() -> versions.read(serverId))
                .isInstanceOf(ShopVersionNotFoundException.class)
                .hasMessageContaining("/src/Core/Version.php on server ")
                .hasMessageContaining("(id " + serverId + ", ops@127.0.0.1:" + SSH.port() + ")")
                .hasMessageEndingWith("holds no PrestaShop version: 'nine point oh' is not a PrestaShop version: it"
                        + " must start with numbers separated by dots, e.g. 8.1.7 or 1.7.8.11");

        shop.write("src/Core/Version.php", new byte[] {'<', '?', 'p', 'h', 'p', 0, 'V', 'E', 'R', 'S', 'I', 'O', 'N',
            ' ', '=', ' ', '\'', '9', '.', '0', '.', '0', '\'', 0, (byte) 0xff, '\n'});
        assertThatThrownBy(() -> versions.read(serverId))
                .isInstanceOf(ShopVersionNotFoundException.class)
                .hasMessageContaining("no line naming VERSION at all, or a binary file");

        shop.write("src/Core/Version.php", "");
        assertThatThrownBy(() -> versions.read(serverId)).isInstanceOf(ShopVersionNotFoundException.class);
        assertThat(versions.latest(serverId)).isEmpty();
    }

    @Test
    @DisplayName("RD-ps: an install path without any version file is refused clearly; an unreadable one is a retryable failure")
    void wrongInstallPath() throws Exception {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_17);
        long serverId = server(shop);
        Files.delete(shop.installPath().resolve("app/AppKernel.php"));
        Files.delete(shop.installPath().resolve("config/settings.inc.php"));
        assertThatThrownBy(() -> versions.read(serverId))
                .isInstanceOf(ShopVersionNotFoundException.class)
                .hasMessageContaining("none of src/Core/Version.php, app/AppKernel.php, config/settings.inc.php exists"
                        + " under " + shop.installPath());

        Files.createDirectories(shop.installPath().resolve("app/AppKernel.php"));
        assertThatThrownBy(() -> versions.read(serverId))
                .isExactlyInstanceOf(RemoteException.class)
                .hasMessageEndingWith("/app/AppKernel.php on server " + serverName(serverId) + ": Is a directory");
        assertThat(versions.latest(serverId)).isEmpty();
        assertThatThrownBy(() -> versions.read(987_654_321L)).isInstanceOf(NotFoundException.class)
                .hasMessage("Server 987654321 does not exist");
    }

    @Test
    @DisplayName("R5.7: readings older than a year are forgotten when a new one is kept")
    void retention() {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_8);
        long serverId = server(shop);
        Instant first = Instant.parse("2025-03-01T10:00:00Z");
        clock.set(first);
        versions.read(serverId);
        clock.set(first.plus(364, ChronoUnit.DAYS));
        versions.read(serverId);
        assertThat(readingTimes(serverId)).containsExactly(first, first.plus(364, ChronoUnit.DAYS));

        clock.set(first.plus(400, ChronoUnit.DAYS));
        ShopVersionReading last = versions.read(serverId);
        assertThat(readingTimes(serverId)).as("the first one is 400 days old")
                .containsExactly(first.plus(364, ChronoUnit.DAYS), first.plus(400, ChronoUnit.DAYS));
        assertThat(versions.latest(serverId)).contains(last);

        // a reading of any other server forgets this server's readings once they are a year old
        clock.set(first.plus(400 + 366, ChronoUnit.DAYS));
        versions.read(server(PrestaShopFixture.create(dir, Layout.PS_9)));
        assertThat(versions.latest(serverId)).as("older than a year").isEmpty();
    }

    private java.util.List<Instant> readingTimes(long serverId) {
        return records.findAll().stream().filter(r -> r.getServerId() == serverId).map(ServerVersionRecord::getReadAt)
                .sorted().toList();
    }

    private String serverName(long serverId) {
        return new RegisterApi(port).api.get("/api/servers/" + serverId).json().get("name").asText() + " (id "
                + serverId + ", ops@127.0.0.1:" + SSH.port() + ")";
    }
}
