package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.IncidentDeadlines;
import fr.progerance.ops.calendar.SupportedDates;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRepository;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incident record: reports (one open incident per server and category), clocks, intervention,
 * breaches, restoration and the timeline. Every change joins the caller's transaction, so a
 * process step and its record commit together.
 */
@Service
@Transactional
public class IncidentService {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentService.class);

    private final IncidentRepository incidents;
    private final IncidentEventRepository events;
    private final ServerRepository servers;
    private final ContractRepository contracts;
    private final ContactRepository contacts;
    private final ContractClock clock;
    private final IncidentSettings settings;
    private final IncidentMetrics metrics;
    private final fr.progerance.ops.calendar.SlaDeadlines slaDeadlines;

    public IncidentService(IncidentRepository incidents, IncidentEventRepository events, ServerRepository servers,
            ContractRepository contracts, ContactRepository contacts, ContractClock clock, IncidentSettings settings,
            IncidentMetrics metrics, fr.progerance.ops.calendar.SlaDeadlines slaDeadlines) {
        this.incidents = incidents;
        this.events = events;
        this.servers = servers;
        this.contracts = contracts;
        this.contacts = contacts;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.slaDeadlines = slaDeadlines;
    }

    /** A report and whether it was attached to an incident already open. */
    public record Reported(Incident incident, boolean attached) {
    }

    /**
     * Registers a report. A second report for a server that already has an open incident of the
     * same category is attached to it (its timeline shows it), not duplicated. Reports are
     * serialised per contract (row lock) so two simultaneous reports cannot both open one.
     *
     * @throws InvalidInputException the server does not exist, or the detection is in the future or
     *                               outside {@link SupportedDates}
     * @throws ConflictException     the server's contract is not ACTIVE (R7.3: a suspended client's
     *                               services are suspended)
     */
    public Reported report(NewReport report, String reportedBy) {
        SupportedDates.problem(report.detectedAt(), clock.zone()).ifPresent(problem -> {
            throw new InvalidInputException("detectedAt", problem);
        });
        Server server = servers.findById(report.serverId())
                .orElseThrow(() -> new InvalidInputException("serverId", "no server has id " + report.serverId()));
        Contract contract = contracts.findForUpdate(server.getContractId()).orElseThrow();
        if (contract.getStatus() != ContractStatus.ACTIVE) {
            throw new ConflictException("Contract " + contract.getReference() + " is " + contract.getStatus()
                    + ": incidents are handled for ACTIVE contracts only (R7.3, R8.2)",
                    List.of(new FieldProblem("serverId", "its contract " + contract.getReference() + " is "
                            + contract.getStatus())));
        }
        if (report.level() > contract.getServiceLevel()) {
            throw new InvalidInputException("level", "contract " + contract.getReference() + " subscribes level "
                    + contract.getServiceLevel() + " only (R4.1, R4.2): a level-" + report.level()
                    + " incident is outside it");
        }
        Instant now = clock.instant();
        if (report.detectedAt().isAfter(now.plusSeconds(60))) {
            throw new InvalidInputException("detectedAt", "is in the future (" + report.detectedAt() + ")");
        }
        var open = incidents.findFirstByServerIdAndCategoryAndStatusOrderByIdAsc(server.getId(), report.category(),
                IncidentStatus.OPEN);
        if (open.isPresent()) {
            Incident incident = open.get();
            event(incident, IncidentEvent.Kind.REPORT_ATTACHED, report.source() + ": " + report.summary(), reportedBy);
            LOG.info("Report from {} attached to open incident {}", report.source(), incident.getNumber());
            return new Reported(incident, true);
        }
        Incident incident = incidents.saveAndFlush(new Incident(server.getId(), contract.getId(), report.category(),
                report.level(), server.getInfrastructure(), report.summary(), report.source(),
                report.detectedAt(), now, reportedBy));
        incident.assignNumber(settings.getNumberPrefix(), clock.atZone(report.detectedAt()).getYear());
        event(incident, IncidentEvent.Kind.REPORTED, report.source() + ": " + report.summary(), reportedBy);
        metrics.reported(incident);
        LOG.info("Incident {} opened on server {} ({}, level {}, {})", incident.getNumber(), server.getName(),
                server.getInfrastructure(), report.level(), report.category());
        return new Reported(incident, false);
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Incident> find(String number) {
        return incidents.findByNumber(number);
    }

    @Transactional(readOnly = true)
    public Incident get(String number) {
        return incidents.findByNumber(number).orElseThrow(() -> new NotFoundException("Incident", number));
    }

    @Transactional(readOnly = true)
    public List<Incident> list(IncidentStatus status) {
        return status == null ? incidents.findAllByOrderByIdDesc() : incidents.findByStatusOrderByIdDesc(status);
    }

    @Transactional(readOnly = true)
    public List<IncidentEvent> timeline(Incident incident) {
        return events.findByIncidentIdOrderByAtAscIdAsc(incident.getId());
    }

    /** The server, contract and contacts an incident concerns. */
    @Transactional(readOnly = true)
    public Context context(String number) {
        Incident incident = get(number);
        Server server = servers.findById(incident.getServerId()).orElseThrow();
        Contract contract = contracts.findById(incident.getContractId()).orElseThrow();
        List<Contact> clientContacts = contacts.findByClient_IdOrderByIdAsc(contract.getClientId());
        // Touch what the callers read outside this transaction.
        contract.getProcedureSteps().size();
        contract.getAllowedActions().size();
        contract.getClient().getCompanyName();
        return new Context(incident, server, contract, clientContacts);
    }

    /** An incident with what it concerns. */
    public record Context(Incident incident, Server server, Contract contract, List<Contact> contacts) {

        public String clientName() {
            return contract.getClient().getCompanyName();
        }
    }

    /**
     * Gives the incident to its {@code IncidentHandling} instance. An incident already handled by an
     * instance is refused: starting the process directly with the number of a registered incident
     * (REST, Tasklist) must not skip the intake's checks nor run a second instance.
     *
     * @throws ConflictException the incident already has its process, or is closed
     */
    public void claimForProcess(String number, String processInstanceId) {
        Incident incident = get(number);
        if (incident.getProcessInstanceId() != null || !incident.isOpen()) {
            throw new ConflictException("Incident " + number + " is already handled by process instance "
                    + incident.getProcessInstanceId() + ": report incidents through POST /api/incidents or the start"
                    + " form, which check the contract, the level and duplicates",
                    List.of(new FieldProblem("incidentNumber", "already handled")));
        }
        incident.attachProcess(processInstanceId);
    }

    /** R4.3-t2: the work waits for the business-hours opening {@code opening}. */
    public void deferUntil(String number, Instant opening) {
        get(number).deferUntil(opening);
    }

    /**
     * R4.3-t2: ops logged, in their form, whether the client agrees to act now outside business
     * hours; the record keeps who logged it and when (DESIGN rule 11).
     */
    public Incident recordAgreement(String number, boolean actNow, String by) {
        Incident incident = get(number);
        incident.recordAgreement(actNow, clock.instant(), by);
        event(incident, actNow ? IncidentEvent.Kind.CLIENT_AGREED_TO_ACT_NOW : IncidentEvent.Kind.CLIENT_PREFERS_TO_WAIT,
                "R4.3-t2: logged by " + by, by);
        return incident;
    }

    public void startClocks(String number, Instant clockStart, IncidentDeadlines deadlines) {
        Incident incident = get(number);
        incident.startClocks(clockStart, deadlines);
        event(incident, IncidentEvent.Kind.CLOCKS_STARTED, deadlines.rule() + (deadlines.guaranteed()
                ? ": intervention due " + deadlines.interventionDue() + (deadlines.restorationDue() == null
                ? ", restoration best effort" : ", restoration due " + deadlines.restorationDue())
                : ": no guaranteed time"), null);
    }

    public Incident takeCharge(String number, String by, CauseCategory cause, String notes) {
        Incident incident = get(number);
        boolean breachedBefore = incident.isInterventionBreached();
        incident.takeCharge(clock.instant(), by, cause);
        if (!breachedBefore && incident.isInterventionBreached()) {
            metrics.interventionBreached(incident);
        }
        event(incident, IncidentEvent.Kind.TAKEN_IN_CHARGE, "cause " + cause + (notes == null || notes.isBlank()
                ? "" : ": " + notes), by);
        return incident;
    }

    /** The intervention deadline passed with the take-charge task still open: a breach (R4.3-*). */
    public Incident recordInterventionBreach(String number) {
        Incident incident = get(number);
        if (!incident.isInterventionBreached()) {
            metrics.interventionBreached(incident);
        }
        incident.markInterventionBreached();
        event(incident, IncidentEvent.Kind.INTERVENTION_BREACHED, "intervention due " + incident.getInterventionDue()
                + " passed", null);
        return incident;
    }

    /**
     * The restoration deadline passed: a breach if the incident is not restored yet.
     *
     * @return whether it was a breach
     */
    public boolean recordRestorationBreach(String number) {
        Incident incident = get(number);
        if (!incident.isOpen()) {
            return false;
        }
        if (!incident.isRestorationBreached()) {
            metrics.restorationBreached(incident);
        }
        incident.markRestorationBreached();
        event(incident, IncidentEvent.Kind.RESTORATION_BREACHED, "restoration due " + incident.getRestorationDue()
                + " passed", null);
        return true;
    }

    /**
     * Ops confirmed in their form whether the service is restored (R4.3-*: GTR). A confirmed
     * restoration is recorded now, with who confirmed it; a late one is a breach (judged on the
     * clock as R9 freezes it). Returns the incident: restored when {@code getRestoredAt()} is set.
     */
    public Incident confirmRestoration(String number, boolean restored, String by, String notes) {
        Incident incident = get(number);
        if (!restored) {
            event(incident, IncidentEvent.Kind.RESTORATION_NOT_CONFIRMED, notes, by);
            return incident;
        }
        boolean breachedBefore = incident.isRestorationBreached();
        incident.restore(clock.instant(), by);
        if (!breachedBefore && incident.isRestorationBreached()) {
            metrics.restorationBreached(incident);
        }
        event(incident, IncidentEvent.Kind.RESTORED, notes, by);
        return incident;
    }

    /** Closes the restored incident. */
    public Incident close(String number) {
        Incident incident = get(number);
        incident.close(clock.instant());
        event(incident, IncidentEvent.Kind.CLOSED, incident.isRestorationBreached() ? "restoration deadline missed"
                : "restoration deadline met or best effort", incident.getRestoredBy());
        return incident;
    }

    /** R4.3-t5 (3): nobody could decide and no procedure applies: only actions without impact. */
    public void restrictToNonImpacting(String number, String reason) {
        Incident incident = get(number);
        incident.restrictToNonImpacting(reason);
        event(incident, IncidentEvent.Kind.RESTRICTED_TO_NON_IMPACTING, reason, null);
    }

    /** R4.3-t3: the client approved {@code action} explicitly (its decision record says so). */
    public void clientApproved(String number, String action) {
        get(number).clientApproved(action);
    }

    /**
     * R9: force majeure suspends the incident's SLA clocks from now.
     *
     * @throws ConflictException the incident is closed or already under force majeure
     */
    public Incident declareForceMajeure(String number, String reason, String by) {
        Incident incident = get(number);
        if (!incident.isOpen() || incident.getForceMajeureSince() != null) {
            throw new ConflictException("Incident " + number + (incident.isOpen()
                    ? " is already under force majeure since " + clock.atZone(incident.getForceMajeureSince())
                    : " is closed"), List.of(new FieldProblem("number", "no clock to suspend")));
        }
        incident.suspendClocks(clock.instant());
        event(incident, IncidentEvent.Kind.FORCE_MAJEURE_DECLARED, "R9: " + reason, by);
        return incident;
    }

    /**
     * R9: the force majeure ended; the deadlines move by the clock time it suspended: from its
     * declaration, or from the clocks' start when they started under it (R4.3-t2 wait). Before the
     * clocks started there is nothing to move.
     */
    public IncidentDeadlines liftForceMajeure(String number, String by, String notes) {
        Incident incident = get(number);
        if (incident.getForceMajeureSince() == null) {
            return incident.deadlines(clock::atZone);
        }
        Instant since = incident.getForceMajeureSince();
        IncidentDeadlines moved = incident.getClockStartedAt() == null ? incident.deadlines(clock::atZone)
                : slaDeadlines.resumeAfterSuspension(incident.deadlines(clock::atZone),
                        since.isAfter(incident.getClockStartedAt()) ? since : incident.getClockStartedAt(),
                        clock.instant());
        incident.resumeClocks(moved);
        event(incident, IncidentEvent.Kind.FORCE_MAJEURE_LIFTED, "R9: suspended since " + clock.atZone(since)
                + (incident.getClockStartedAt() == null ? "; the clocks had not started"
                : "; intervention due " + moved.interventionDue() + ", restoration due " + moved.restorationDue())
                + (notes == null || notes.isBlank() ? "" : " (" + notes + ")"), by);
        return moved;
    }

    public void record(String number, IncidentEvent.Kind kind, String detail, String actor) {
        event(get(number), kind, detail, actor);
    }

    private void event(Incident incident, IncidentEvent.Kind kind, String detail, String actor) {
        events.save(new IncidentEvent(incident.getId(), clock.instant(), kind, detail, actor));
    }
}
