package fr.progerance.ops.update.shop;

import java.util.List;
import java.util.Optional;

/** What each shop runs (RD-ps): read over SSH from the shop's own files and stored per server. */
public interface ShopVersions {

    /**
     * Reads the version over SSH now (command templates, pinned host key), stores it with the time
     * and returns it.
     *
     * @throws fr.progerance.ops.remote.RemoteException when the server cannot be read (retryable)
     * @throws ShopVersionNotFoundException when no known file of the 1.6/1.7/8/9 layouts holds a version
     */
    ShopVersionReading read(long serverId);

    /** The last stored reading of the server, if any. */
    Optional<ShopVersionReading> latest(long serverId);

    /** The last stored reading of every server that has one. */
    List<ShopVersionReading> latestOfAll();
}
