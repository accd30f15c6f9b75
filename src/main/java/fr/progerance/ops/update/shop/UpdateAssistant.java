package fr.progerance.ops.update.shop;

/**
 * PrestaShop's update assistant (module {@code autoupgrade}) driven through its command line on
 * the shop's server, from {@code <install path>/modules/autoupgrade}: {@code php bin/console
 * backup:create <admin-dir>}, {@code update:start <admin-dir>} and {@code backup:restore
 * --backup=<name> <admin-dir>}, each a command template (DESIGN rule 8) sent at most once per
 * operation key ({@code RemoteOperations}). The admin directory is the server's
 * {@code adminDirectory} in the contract register. A non-zero exit status is a failure (rule 13).
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
