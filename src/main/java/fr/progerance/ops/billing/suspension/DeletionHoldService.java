package fr.progerance.ops.billing.suspension;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.ClientRepository;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * R8.2: deletion holds, placed and lifted by managers ({@code /api/clients/{id}/deletion-holds}),
 * read by the dunning process through {@link #held}. Placing a hold and opening a deletion's audit
 * record both lock the client's row first, so a deletion either sees a hold or is decided before it.
 *
 * <p>A place or a lift commits in its own transaction; only then does the gauge move and, for a
 * lift, {@link DeletionHoldLifted} is published (DESIGN rule 13), outside that transaction: listen
 * with {@code @EventListener} (a {@code @TransactionalEventListener} needs
 * {@code fallbackExecution = true} to hear it when no transaction surrounds the call).
 *
 * <p>Metric: {@code ops.billing.deletion.holds} (Prometheus {@code ops_billing_deletion_holds}): the
 * holds standing, every client together. It is read at start and after each committed change, so a
 * scrape never touches the database.
 */
@Service
public class DeletionHoldService implements DeletionHolds {

    /** The Micrometer name; Prometheus shows it as {@code ops_billing_deletion_holds}. */
    public static final String GAUGE = "ops.billing.deletion.holds";

    private static final Logger LOG = LoggerFactory.getLogger(DeletionHoldService.class);

    private final DeletionHoldRepository holds;
    private final ClientRepository clients;
    private final ContractClock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate own;
    private final TransactionTemplate readOnly;
    private final AtomicLong standing = new AtomicLong();

    public DeletionHoldService(DeletionHoldRepository holds, ClientRepository clients, ContractClock clock,
            ApplicationEventPublisher events, PlatformTransactionManager transactions, MeterRegistry registry) {
        this.holds = holds;
        this.clients = clients;
        this.clock = clock;
        this.events = events;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        Gauge.builder(GAUGE, standing, AtomicLong::get)
                .description("R8.2: deletion holds standing (placed by a manager, not lifted)")
                .register(registry);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean held(long clientId) {
        return holds.existsByClientIdAndLiftedAtIsNull(clientId);
    }

    /**
     * A manager places a hold; who and when come from the caller and the clock.
     *
     * @throws InvalidInputException no reason, or {@code OTHER} without a note (400, naming the field)
     * @throws NotFoundException an unknown client (404)
     */
    public DeletionHold place(long clientId, DeletionHoldReason reason, String note, String placedBy) {
        String text = note == null || note.isBlank() ? null : note.strip();
        List<FieldProblem> problems = new ArrayList<>();
        if (reason == null) {
            problems.add(new FieldProblem("reason", "is required: DISPUTE, LEGAL_REQUEST or OTHER"));
        } else if (reason == DeletionHoldReason.OTHER && text == null) {
            problems.add(new FieldProblem("note", "is required when the reason is OTHER: say why"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        DeletionHold hold = own.execute(tx -> {
            clients.findForUpdate(clientId).orElseThrow(() -> new NotFoundException("Client", clientId));
            return holds.save(new DeletionHold(clientId, reason, text, placedBy, clock.instant()));
        });
        LOG.info("R8.2: deletion hold {} placed on client {} by {} ({})", hold.getId(), clientId, placedBy, reason);
        refresh();
        return hold;
    }

    /**
     * A manager lifts a hold; once committed, {@link DeletionHoldLifted} is published so a waiting
     * deletion looks again.
     *
     * @throws NotFoundException an unknown client, or a hold that is not this client's (404)
     * @throws ConflictException the hold was lifted already (409)
     */
    public DeletionHold lift(long clientId, long holdId, String liftedBy) {
        DeletionHold hold = own.execute(tx -> {
            if (!clients.existsById(clientId)) {
                throw new NotFoundException("Client", clientId);
            }
            DeletionHold h = holds.findByIdAndClientId(holdId, clientId)
                    .orElseThrow(() -> new NotFoundException("Deletion hold", holdId + " of client " + clientId));
            if (!h.standing()) {
                throw new ConflictException("Deletion hold " + holdId + " was lifted by " + h.getLiftedBy() + " on "
                        + clock.atZone(h.getLiftedAt()) + " already", List.of());
            }
            h.lift(liftedBy, clock.instant());
            return holds.saveAndFlush(h);
        });
        LOG.info("R8.2: deletion hold {} on client {} lifted by {}", holdId, clientId, liftedBy);
        refresh();
        events.publishEvent(new DeletionHoldLifted(clientId));
        return hold;
    }

    /**
     * The client's holds, newest first.
     *
     * @throws NotFoundException an unknown client (404)
     */
    @Transactional(readOnly = true)
    public List<DeletionHold> list(long clientId) {
        if (!clients.existsById(clientId)) {
            throw new NotFoundException("Client", clientId);
        }
        return holds.findByClientIdOrderByPlacedAtDescIdDesc(clientId);
    }

    /** The holds standing now, as the gauge shows them. */
    public long standing() {
        return standing.get();
    }

    /** Reads the number of standing holds (at start, and after each committed change). */
    @EventListener(ApplicationReadyEvent.class)
    public void refresh() {
        try {
            Long count = readOnly.execute(tx -> holds.countByLiftedAtIsNull());
            standing.set(count == null ? 0 : count);
        } catch (RuntimeException e) {
            LOG.warn("Deletion hold gauge not refreshed: {}", e.toString());
        }
    }
}
