package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentRepository;
import fr.progerance.ops.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AvailabilityLedger} on {@code ops_outage} (R4.4-p, R4.4-t). Idempotent: one open outage per
 * server (a unique key on {@code open_server_id}); a second start while one is open returns it (and
 * links the incident if it had none); an end without an open outage does nothing. Each write commits
 * in its own transaction, so a race lost on the unique key does not spoil the caller's.
 */
@Component
public class OutageLedger implements AvailabilityLedger {

    private static final Logger LOG = LoggerFactory.getLogger(OutageLedger.class);

    private final OutageRepository outages;
    private final ServerRepository servers;
    private final IncidentRepository incidents;
    private final ContractClock clock;
    private final TransactionTemplate ownTransaction;

    public OutageLedger(OutageRepository outages, ServerRepository servers, IncidentRepository incidents,
            ContractClock clock, PlatformTransactionManager transactions) {
        this.outages = outages;
        this.servers = servers;
        this.incidents = incidents;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public long outageStarted(long serverId, Instant since, String cause, String incidentNumber) {
        Objects.requireNonNull(since, "since");
        for (int attempt = 0; ; attempt++) {
            try {
                Long id = ownTransaction.execute(tx -> {
                    Optional<Outage> open = outages.findByOpenServerId(serverId);
                    if (open.isPresent()) {
                        open.get().linkIncident(incidentNumber);
                        return open.get().getId();
                    }
                    Server server = servers.findById(serverId).orElseThrow(() -> new IllegalArgumentException(
                            "No server " + serverId + " in the register"));
                    Outage outage = outages.saveAndFlush(new Outage(serverId, server.getContract().getId(), since,
                            cause, incidentNumber, clock.instant()));
                    LOG.info("Outage {} of server {} since {} ({}, incident {})", outage.getId(), serverId, since,
                            outage.getCause(), incidentNumber);
                    return outage.getId();
                });
                return Objects.requireNonNull(id);
            } catch (DataIntegrityViolationException e) {
                // Another node opened it meanwhile: read theirs.
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void outageEnded(long serverId, Instant at) {
        Objects.requireNonNull(at, "at");
        ownTransaction.executeWithoutResult(tx -> outages.findByOpenServerId(serverId).ifPresent(o -> {
            o.end(at);
            LOG.info("Outage {} of server {} ended at {}", o.getId(), serverId, o.getEndedAt());
        }));
    }

    @Override
    public Optional<OutageView> openOutage(long serverId) {
        return outages.findByOpenServerId(serverId).map(this::view);
    }

    /**
     * Managers classify an outage themselves (R4.4-t, R4.0-a): the cause, the responsibility that
     * follows from it on the server's infrastructure, their note, who and when. It wins over the
     * incident's classification from then on.
     *
     * @throws NotFoundException an unknown outage
     */
    @Transactional
    public OutageView classify(long outageId, CauseCategory category, String note, String manager) {
        Outage o = outages.findById(outageId).orElseThrow(() -> new NotFoundException("Outage", outageId));
        Server server = servers.findById(o.getServerId()).orElseThrow(() -> new NotFoundException("Server",
                o.getServerId()));
        o.classify(category, category.responsibility(server.getInfrastructure()), note.strip(), manager,
                clock.instant());
        LOG.info("Outage {} classified {} ({}) by {}", outageId, category, o.getResponsibility(), manager);
        return view(outages.saveAndFlush(o));
    }

    /** The outages overlapping {@code [from, to)}, as the API shows them. */
    @Transactional(readOnly = true)
    public List<OutageView> overlapping(Instant from, Instant to) {
        return outages.overlapping(from, to).stream().map(this::view).toList();
    }

    /** The outage as the API shows it: its own classification, else its incident's. */
    public OutageView view(Outage o) {
        CauseCategory category = o.getCauseCategory();
        CauseCategory.Responsibility who = o.getResponsibility();
        if (o.getClassifiedBy() == null && o.getIncidentNumber() != null) {
            Optional<Incident> incident = incidents.findByNumber(o.getIncidentNumber());
            if (incident.isPresent()) {
                category = incident.get().getCauseCategory();
                who = incident.get().getResponsibility();
            }
        }
        return new OutageView(o.getId(), o.getServerId(), o.getContractId(), o.getStartedAt(), o.getEndedAt(),
                o.getCause(), o.getIncidentNumber(), category, who);
    }
}
