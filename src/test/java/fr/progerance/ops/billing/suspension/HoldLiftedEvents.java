package fr.progerance.ops.billing.suspension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Test listener of the shared context: records each {@link DeletionHoldLifted} with what a listener
 * sees when it arrives (whether a transaction surrounds it, whether the hold still stands when read
 * from the database), to show the event follows the commit.
 */
@Component
public class HoldLiftedEvents {

    /** One event as it arrived. */
    public record Seen(long clientId, boolean inTransaction, boolean stillHeld) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final DeletionHolds holds;

    HoldLiftedEvents(DeletionHolds holds) {
        this.holds = holds;
    }

    @EventListener
    void on(DeletionHoldLifted event) {
        seen.add(new Seen(event.clientId(), TransactionSynchronizationManager.isActualTransactionActive(),
                holds.held(event.clientId())));
    }

    public List<Seen> of(long clientId) {
        return seen.stream().filter(s -> s.clientId() == clientId).toList();
    }
}
