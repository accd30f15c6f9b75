package fr.progerance.ops.update.process;

import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.shop.ShopVersionReading;
import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.version.InvalidVersionException;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import fr.progerance.ops.update.version.ReleaseCatalogue;
import fr.progerance.ops.update.version.UpdateClassifier;
import fr.progerance.ops.update.version.UpdateKind;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.Excerpt;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A major update requested by ops (R4.0-c, {@code POST /api/updates}): checked against the
 * register, the server's latest version reading and the release catalogue, then its record opened
 * ({@link Updates#open}, AWAITING_QUOTE) and {@code MajorUpdate} started in the same transaction, as
 * the caller, so Camunda checks their right to start it (ops).
 */
@Component
public class MajorUpdateIntake {

    static final String SERVER_ID = "serverId";
    static final String TARGET_VERSION = "targetVersion";

    private final UpdateContexts contexts;
    private final ShopVersions versions;
    private final ReleaseCatalogue catalogue;
    private final Updates updates;
    private final UpdateStarter starter;
    private final IdentityService identity;
    private final RepositoryService repository;

    public MajorUpdateIntake(UpdateContexts contexts, ShopVersions versions, ReleaseCatalogue catalogue,
            Updates updates, UpdateStarter starter, IdentityService identity, RepositoryService repository) {
        this.contexts = contexts;
        this.versions = versions;
        this.catalogue = catalogue;
        this.updates = updates;
        this.starter = starter;
        this.identity = identity;
        this.repository = repository;
    }

    /** The opened update and its process instance. */
    public record Started(UpdateView update, String processInstanceId) {
    }

    /**
     * Opens the major update of {@code serverId} to {@code targetVersion} and starts MajorUpdate.
     *
     * @throws AuthorizationException when the caller may not start MajorUpdate (403)
     * @throws fr.progerance.ops.web.NotFoundException for an unknown server (404)
     * @throws InvalidInputException for a target that is no version, no published release, or not a major update from the shop's version (400)
     * @throws ConflictException when the server's contract is not ACTIVE, the shop's version was never read, or
     *     a major update of the server is open (409)
     */
    @Transactional
    public Started request(long serverId, String targetVersion) {
        Authentication who = identity.getCurrentAuthentication();
        String user = who == null ? null : who.getUserId();
        if (user != null && repository.createProcessDefinitionQuery().processDefinitionKey(MajorUpdateProcess.KEY)
                .latestVersion().startablePermissionCheck().count() == 0) {
            throw new AuthorizationException("User '" + user + "' may not request major updates: that starts "
                    + MajorUpdateProcess.KEY + ", which only ops start (R4.0-c)");
        }
        UpdateContexts.ServerFacts server = contexts.server(serverId);
        if (server.contractStatus() != ContractStatus.ACTIVE) {
            throw new ConflictException("The contract of server " + serverId + " is " + server.contractStatus()
                    + ": no update is started for it", List.of(new FieldProblem(SERVER_ID, "its contract is "
                    + server.contractStatus())));
        }
        PrestaShopVersion target;
        try {
            target = PrestaShopVersion.parse(targetVersion);
        } catch (InvalidVersionException e) {
            throw new InvalidInputException(TARGET_VERSION, e.getMessage());
        }
        Release release = catalogue.release(target).orElseThrow(() -> new InvalidInputException(TARGET_VERSION,
                Excerpt.quoted(targetVersion) + " is not a PrestaShop release of the catalogue"));
        ShopVersionReading reading = versions.latest(serverId).orElseThrow(() -> new ConflictException(
                "The PrestaShop version of server " + serverId + " was never read: UpdateWatch reads it every day",
                List.of(new FieldProblem(SERVER_ID, "its shop's version was never read"))));
        UpdateKind kind = UpdateClassifier.classify(reading.version(), release.version());
        if (kind != UpdateKind.MAJOR) {
            throw new InvalidInputException(TARGET_VERSION, "from " + reading.version().text() + " (read "
                    + reading.readAt() + ") to " + release.version().text() + " is " + (kind == UpdateKind.NONE
                    ? "no update" : "a " + kind + " update, included in the contract and opened by UpdateWatch")
                    + ": only a MAJOR update is requested here (R4.0-c)");
        }
        List<UpdateView> open = updates.open().stream().filter(u -> u.serverId() == serverId)
                .filter(u -> u.kind().needsQuote()).toList();
        if (!open.isEmpty()) {
            UpdateView o = open.get(0);
            throw new ConflictException("Major update " + o.id() + " of server " + serverId + " to " + o.toVersion()
                    + " is open (" + o.status() + ")", List.of(new FieldProblem(SERVER_ID, "major update " + o.id()
                    + " to " + o.toVersion() + " is open (" + o.status() + ")")));
        }
        UpdateView u = updates.open(serverId, reading.version(), release, user == null ? "api" : user);
        return new Started(u, starter.ensureStarted(u).processInstanceId());
    }
}
