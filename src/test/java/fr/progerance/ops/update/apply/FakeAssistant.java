package fr.progerance.ops.update.apply;

import fr.progerance.ops.remote.RemoteException;
import fr.progerance.ops.update.shop.UpdateAssistant;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The update assistant's port (DESIGN rule 10): records each call with its operation key, fails the
 * queued ones, and runs what a successful {@code update:start} does to the shop (the test says).
 */
final class FakeAssistant implements UpdateAssistant {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final Deque<RuntimeException> backupFailures = new ConcurrentLinkedDeque<>();
    final Deque<RuntimeException> updateFailures = new ConcurrentLinkedDeque<>();
    volatile Runnable onUpdate = () -> {
    };

    /** The next {@code times} {@code update:start} fail like the assistant exiting 1. */
    FakeAssistant failUpdate(int times) {
        for (int i = 0; i < times; i++) {
            updateFailures.add(new RemoteException("ASSISTANT_UPDATE_START on shop exited with status 1: "
                    + "[ERROR] Unable to download the PrestaShop archive (attempt " + (i + 1) + ")"));
        }
        return this;
    }

    @Override
    public String createBackup(long serverId, String operationKey) {
        calls.add("backup:create " + serverId + " " + operationKey);
        RuntimeException failure = backupFailures.poll();
        if (failure != null) {
            throw failure;
        }
        return "V8.1.6_20260317-090500-a1b2c3d4";
    }

    @Override
    public void startUpdate(long serverId, String operationKey) {
        calls.add("update:start " + serverId + " " + operationKey);
        RuntimeException failure = updateFailures.poll();
        if (failure != null) {
            throw failure;
        }
        onUpdate.run();
    }

    @Override
    public void restoreBackup(long serverId, String backupName, String operationKey) {
        calls.add("backup:restore " + serverId + " " + backupName + " " + operationKey);
    }
}
