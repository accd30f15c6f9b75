package fr.progerance.ops.update.shop;

import fr.progerance.ops.contract.Server;
import fr.progerance.ops.remote.SshTarget;

/**
 * What the update package needs of a server of the register (RD-ps): where to connect (pinned host
 * key, DESIGN rule 8), the shop's install path and its back-office directory (null when unknown).
 */
record ShopServer(long id, String name, SshTarget target, String installPath, String adminDirectory) {

    static ShopServer of(Server server) {
        return new ShopServer(server.getId(), server.getName(), new SshTarget(server.getAddress(), server.getSshPort(),
                server.getSshUser(), server.getHostKeyFingerprint()), server.getInstallPath(),
                server.getAdminDirectory());
    }

    /** For messages: {@code server shop1 (id 4, ops@host:22)}. */
    String describe() {
        return "server " + name + " (id " + id + ", " + target.describe() + ")";
    }

    /** The update assistant's module directory, where its commands run. */
    String autoupgradeDirectory() {
        return installPath + "/modules/autoupgrade";
    }

    /** Where the update assistant keeps its backups: {@code <install>/<admin-dir>/autoupgrade/backup}. */
    String assistantBackupDirectory() {
        return installPath + "/" + requireAdminDirectory() + "/autoupgrade/backup";
    }

    /**
     * The admin directory, required by the update assistant.
     *
     * @throws NoAdminDirectoryException when the register does not know it
     */
    String requireAdminDirectory() {
        if (adminDirectory == null) {
            throw new NoAdminDirectoryException("RD-ps: " + describe() + " has no admin directory in the register:"
                    + " the update assistant needs it (set adminDirectory with PUT /api/servers/" + id + ")");
        }
        return adminDirectory;
    }
}
