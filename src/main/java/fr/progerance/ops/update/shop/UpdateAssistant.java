package fr.progerance.ops.update.shop;

/**
 * PrestaShop's update assistant (module {@code autoupgrade}) driven through its command line on
 * the shop's server, from {@code <install path>/modules/autoupgrade}: {@code php bin/console
 * backup:create <admin-dir>}, {@code update:start --chain --channel=online <admin-dir>} and
 * {@code backup:restore --backup=<name> <admin-dir>}, each a command template (DESIGN rule 8) sent at
 * most once per operation key ({@code RemoteOperations}): one key per operation (a key already used
 * for another command or server is refused), a key whose command failed sends it again, a key whose
 * command is done returns without sending. The admin directory is the server's
 * {@code adminDirectory} in the contract register. Implemented by {@link AutoupgradeAssistant}.
 *
 * <p>Failures: {@link UpdateAssistantFailedException} when the command ran and exited non-zero (DESIGN
 * rule 13, retryable, the message quotes the assistant's last lines); a plain
 * {@code fr.progerance.ops.remote.RemoteException} when the server could not be reached or the
 * outcome is unknown (retryable); {@link NoAdminDirectoryException} when the register has no admin
 * directory (not retryable, nothing sent); {@code fr.progerance.ops.web.NotFoundException} for an
 * unknown server. Note: {@code update:start} with nothing newer to install succeeds and changes
 * nothing, as the real assistant does: the version read afterwards ({@link ShopVersions#read}) decides
 * whether the update happened.
 */
public interface UpdateAssistant {

    /**
     * {@code backup:create}: the assistant's own backup before the update.
     *
     * @return the name of the backup it made (for {@link #restoreBackup})
     */
    String createBackup(long serverId, String operationKey);

    /** {@code update:start} (chained, online channel): the update itself. */
    void startUpdate(long serverId, String operationKey);

    /** {@code backup:restore --backup=<name>}: puts back the assistant's own backup. */
    void restoreBackup(long serverId, String backupName, String operationKey);
}
