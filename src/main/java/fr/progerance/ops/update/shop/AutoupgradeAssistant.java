package fr.progerance.ops.update.shop;

import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteCommandFailedException;
import fr.progerance.ops.remote.RemoteExecutor;
import fr.progerance.ops.remote.RemoteOperations;
import fr.progerance.ops.web.Excerpt;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * RD-ps, R4.0-b: PrestaShop's update assistant (module {@code autoupgrade}) driven through its
 * console on the shop's server: {@code php bin/console backup:create|update:start|backup:restore
 * <admin-dir>}, run from {@code <install path>/modules/autoupgrade} (the directory its chained
 * {@code update:start} commands are run from). Each is a command template (DESIGN rule 8, arguments
 * validated and quoted) sent through {@link RemoteOperations#runOnce}: at most once per operation
 * key (DESIGN rule 4), a retry of a failed one sends it again, one already done returns its stored
 * result without touching the server. Each may run up to {@link CommandTemplate#LONG_RUNNING_TIMEOUT}.
 *
 * <p>Server prerequisites: {@code php} (the CLI of the shop's PHP version) on the SSH user's
 * {@code PATH}, GNU {@code env} with {@code --chdir} (coreutils 8.28+, Debian 10+), the module
 * {@code autoupgrade} installed with its dependencies, and the SSH user allowed to write the shop's
 * files (the shop's owner, or in its group): the assistant rewrites them.
 *
 * <p>A non-zero exit status is an {@link UpdateAssistantFailedException} whose message quotes the
 * assistant's last lines (DESIGN rule 13); the caller decides after its retries (ApplyUpdate rolls
 * back). An unreachable server is a plain {@code RemoteException}.
 */
@Service
public class AutoupgradeAssistant implements UpdateAssistant {

    private static final Logger LOG = LoggerFactory.getLogger(AutoupgradeAssistant.class);

    /** An operation key: what {@code ops_remote_operation.operation_key} holds. */
    static final int MAX_KEY_LENGTH = 200;

    /** The backup directory as messages show it, without the admin directory. */
    private static final String MASKED_BACKUP_DIRECTORY = AssistantOutput.MASK + "/autoupgrade/backup";

    private final ShopServers servers;
    private final RemoteOperations operations;
    private final RemoteExecutor executor;

    public AutoupgradeAssistant(ShopServers servers, RemoteOperations operations, RemoteExecutor executor) {
        this.servers = servers;
        this.operations = operations;
        this.executor = executor;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The name comes from the assistant's line {@code Database backup done in filename <name>.};
     * when the output kept does not show it (a large shop's progress lines beyond
     * {@code ops.remote.ssh.max-output}, or a replay whose stored output keeps only its start), from
     * the newest backup in {@code <install>/<admin-dir>/autoupgrade/backup}.
     *
     * @throws UpdateAssistantFailedException the assistant failed, or made no backup that can be named
     */
    @Override
    public String createBackup(long serverId, String operationKey) {
        ShopServer server = servers.get(serverId);
        CommandResult result = run(server, operationKey, CommandTemplate.ASSISTANT_BACKUP_CREATE,
                server.autoupgradeDirectory(), server.requireAdminDirectory());
        Optional<String> named = AssistantOutput.backupName(result.stdout());
        if (named.isPresent()) {
            return named.get();
        }
        CommandResult listing = executor.run(server.target(), CommandTemplate.LIST_ASSISTANT_BACKUPS,
                server.assistantBackupDirectory());
        Optional<String> newest = listing.succeeded() ? AssistantOutput.newestBackup(listing.stdout())
                : Optional.empty();
        if (newest.isEmpty()) {
            throw new UpdateAssistantFailedException(command(CommandTemplate.ASSISTANT_BACKUP_CREATE),
                    "RD-ps: backup:create on " + server.describe() + " (operation " + operationKey + ") ended with"
                            + " exit status 0, but neither its output nor " + MASKED_BACKUP_DIRECTORY
                            + (listing.succeeded() ? " names a backup" : " (ls exit status " + listing.exitStatus()
                            + ") names a backup") + ": last output: "
                            + AssistantOutput.lastLines(result, server.adminDirectory()), result);
        }
        LOG.info("RD-ps: backup:create on {} (operation {}): its output names no backup, the newest one is {}",
                server.describe(), operationKey, newest.get());
        return newest.get();
    }

    @Override
    public void startUpdate(long serverId, String operationKey) {
        ShopServer server = servers.get(serverId);
        run(server, operationKey, CommandTemplate.ASSISTANT_UPDATE_START, server.autoupgradeDirectory(),
                server.requireAdminDirectory());
    }

    /** {@inheritDoc} @throws IllegalArgumentException when {@code backupName} is not a name the assistant makes */
    @Override
    public void restoreBackup(long serverId, String backupName, String operationKey) {
        if (!CommandTemplate.Parameter.ASSISTANT_BACKUP_NAME.accepts(backupName)) {
            throw new IllegalArgumentException("RD-ps: " + Excerpt.quoted(backupName)
                    + " is not a backup name of the update assistant (V<version>_<yyyyMMdd>-<HHmmss>-<hex>)");
        }
        ShopServer server = servers.get(serverId);
        run(server, operationKey, CommandTemplate.ASSISTANT_BACKUP_RESTORE, server.autoupgradeDirectory(), backupName,
                server.requireAdminDirectory());
    }

    private CommandResult run(ShopServer server, String operationKey, CommandTemplate template, String... args) {
        requireKey(operationKey);
        String command = command(template);
        try {
            RemoteOperations.Outcome outcome = operations.runOnce(operationKey, server.target(), template, args);
            LOG.info("RD-ps: {} on {} (operation {}): {}", command, server.describe(), operationKey,
                    outcome.sentNow() ? "done" : outcome.note());
            return outcome.result();
        } catch (RemoteCommandFailedException e) {
            CommandResult result = e.result();
            throw new UpdateAssistantFailedException(command, "RD-ps: " + command + " on " + server.describe()
                    + " failed with exit status " + result.exitStatus() + " (operation " + operationKey
                    + "); last output: " + AssistantOutput.lastLines(result, server.adminDirectory()), result);
        }
    }

    private static void requireKey(String operationKey) {
        Objects.requireNonNull(operationKey, "operationKey");
        if (operationKey.isBlank() || operationKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("An operation key has 1 to " + MAX_KEY_LENGTH + " characters, got "
                    + operationKey.length());
        }
    }

    /** The console command of a template, for messages. */
    static String command(CommandTemplate template) {
        return switch (template) {
            case ASSISTANT_BACKUP_CREATE -> "backup:create";
            case ASSISTANT_UPDATE_START -> "update:start";
            case ASSISTANT_BACKUP_RESTORE -> "backup:restore";
            default -> throw new IllegalArgumentException(template + " is not a command of the update assistant");
        };
    }
}
