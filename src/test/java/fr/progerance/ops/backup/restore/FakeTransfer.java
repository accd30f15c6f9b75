package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.transfer.BackupSource;
import fr.progerance.ops.backup.transfer.BackupTransfer;
import fr.progerance.ops.backup.transfer.BackupTransferException;
import fr.progerance.ops.backup.transfer.RestoreDestination;
import fr.progerance.ops.backup.transfer.TransferResult;
import fr.progerance.ops.remote.SshTarget;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The transfer port: records each restore stream; fails the next {@link #failures} ones. */
final class FakeTransfer implements BackupTransfer {

    record Restore(SshTarget server, ResticRepository repository, String snapshotId, RestoreDestination destination) {
    }

    final List<Restore> restores = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();

    @Override
    public TransferResult backup(SshTarget server, BackupSource source, ResticRepository repository, List<String> tags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TransferResult restore(SshTarget server, ResticRepository repository, String snapshotId,
            RestoreDestination destination) {
        restores.add(new Restore(server, repository, snapshotId, destination));
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new BackupTransferException("mysql on " + server.host() + " exited with status 1: ERROR 2013 (HY000):"
                    + " Lost connection to server during query", true, null);
        }
        return new TransferResult(snapshotId, 123_456, 0, Duration.ofSeconds(42));
    }
}
