package fr.progerance.ops.update.apply;

import fr.progerance.ops.contract.RegisterSettings;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ShopCheck;
import fr.progerance.ops.update.ShopUpdate;
import fr.progerance.ops.update.UpdateSettings;
import fr.progerance.ops.update.shop.ShopVersionNotFoundException;
import fr.progerance.ops.update.shop.ShopVersionReading;
import fr.progerance.ops.update.version.InvalidVersionException;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.UpdateClassifier;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * What ApplyUpdate checks on the shop (DESIGN rule 13: a shop that does not answer, or answers the
 * wrong version, is a failure): the shop answers its register status and keyword over HTTP, as the
 * restore's check does ({@link ShopCheck}), and the version its own files report ({@code ShopVersions.read},
 * over SSH, stored with the time). A server that cannot be reached is no finding but a retryable
 * failure ({@code RemoteException}).
 */
@Component
public class UpdateChecks {

    private final UpdatePorts ports;
    private final ShopCheck shopCheck;

    public UpdateChecks(UpdatePorts ports, UpdateSettings settings, RegisterSettings register) {
        this.ports = ports;
        this.shopCheck = new ShopCheck(settings.getApply().getShopCheckTimeout(),
                settings.getApply().getShopExpectedStatus(), register.addressPolicy());
    }

    @PreDestroy
    void close() throws IOException {
        shopCheck.close();
    }

    /** What a check found: the version read (null when none), one readable line, and the verdict. */
    public record Findings(String versionRead, String text, boolean healthy) {
    }

    /**
     * After the update: the shop answers, and its version is the target, or newer within the same
     * kind (the assistant may chain to a later patch; never across a major, RD-ps).
     */
    public Findings afterUpdate(ShopUpdate update, Server server) {
        PrestaShopVersion target = PrestaShopVersion.parse(update.getToVersion());
        return check(server, "expected " + target + " or a later release of the same major", read -> read.compareTo(target) >= 0
                        && !UpdateClassifier.classify(target, read).needsQuote());
    }

    /** After the rollback: the shop answers, and its version is the one read before the update. */
    public Findings afterRollback(ShopUpdate update, Server server) {
        PrestaShopVersion before = PrestaShopVersion.parse(update.getFromVersion());
        return check(server, "expected " + before + " as before the update", read -> read.compareTo(before) == 0);
    }

    private Findings check(Server server, String expectation, java.util.function.Predicate<PrestaShopVersion> good) {
        ShopCheck.Answer shop = shopCheck.check(server);
        String versionRead = null;
        String versionText;
        boolean versionGood;
        try {
            ShopVersionReading reading = ports.versions().read(server.getId());
            versionRead = reading.version().text();
            versionGood = good.test(reading.version());
            versionText = "version " + versionRead + " (" + reading.file() + ")" + (versionGood ? "" : ", " + expectation);
        } catch (ShopVersionNotFoundException | InvalidVersionException e) {
            versionGood = false;
            versionText = "no version readable: " + e.getMessage() + "; " + expectation;
        }
        String text = "shop " + server.getPrestashopUrl() + ": " + shop.describe() + "; " + versionText;
        return new Findings(versionRead, text, shop.answers() && versionGood);
    }
}
