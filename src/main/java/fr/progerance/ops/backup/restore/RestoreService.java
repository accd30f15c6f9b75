package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.backup.transfer.RestoreDestination;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.SlaDeadlines;
import fr.progerance.ops.contract.Client;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRepository;
import fr.progerance.ops.contract.RegisterSettings;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.contract.ShopCheck;
import fr.progerance.ops.engine.worker.NonRetryableWork;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.DecisionStatus;
import fr.progerance.ops.remote.SshTarget;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.TextRules;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The restore record's life (R3.6-d, R3.6-e, rule 11: what the contract turns on is written here by
 * the channel that received it, and read from here). Plain business rules; the delegates, the task
 * listeners, the API and the external task handler call it.
 */
@Service
public class RestoreService {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);

    /** A restore that must not run: retrying does not help (no validation, no destination). */
    static final class RestoreRefused extends IllegalStateException implements NonRetryableWork,
            fr.progerance.ops.remote.NonRetryable {

        private static final long serialVersionUID = 1L;

        RestoreRefused(String message) {
            super(message);
        }
    }

    private final RestoreRequestRepository restores;
    private final ServerRepository servers;
    private final ContactRepository contacts;
    private final BackupPoints backupPoints;
    private final RestorePorts ports;
    private final SlaDeadlines deadlines;
    private final ContractClock clock;
    private final RestoreMetrics metrics;
    private final ShopCheck shopCheck;

    public RestoreService(RestoreRequestRepository restores, ServerRepository servers, ContactRepository contacts,
            BackupPoints backupPoints, RestorePorts ports, SlaDeadlines deadlines, ContractClock clock,
            RestoreMetrics metrics, RestoreSettings settings, RegisterSettings register) {
        this.restores = restores;
        this.servers = servers;
        this.contacts = contacts;
        this.backupPoints = backupPoints;
        this.ports = ports;
        this.deadlines = deadlines;
        this.clock = clock;
        this.metrics = metrics;
        this.shopCheck = new ShopCheck(settings.getShopCheckTimeout(), settings.getShopExpectedStatus(),
                register.addressPolicy());
    }

    @PreDestroy
    void close() throws IOException {
        shopCheck.close();
    }

    /** A restore with what its mails and forms need. */
    public record Context(RestoreRequest restore, Server server, Client client, List<Contact> contacts) {

        /** R4.3-t4: who is asked to validate: the primary contact if authorised, else the first authorised one. */
        public Optional<Contact> validator() {
            return contacts.stream().filter(c -> c.isMayAuthorise() && c.getEmail() != null)
                    .sorted(java.util.Comparator.comparingInt((Contact c) -> switch (c.getRole()) {
                        case PRIMARY -> 0;
                        case SECONDARY -> 1;
                        default -> 2;
                    }).thenComparing(c -> c.getSecondaryOrder() == null ? Integer.MAX_VALUE : c.getSecondaryOrder())
                            .thenComparing(Contact::getId))
                    .findFirst();
        }

        /** The client's primary contacts with an address (the report goes to them too). */
        public List<String> primaryEmails() {
            return contacts.stream().filter(c -> c.getRole() == fr.progerance.ops.contract.ContactRole.PRIMARY
                    && c.getEmail() != null).map(Contact::getEmail).toList();
        }
    }

    @Transactional(readOnly = true)
    public Context context(long restoreId) {
        RestoreRequest r = get(restoreId);
        Server server = servers.findById(r.getServerId()).orElseThrow();
        Client client = server.getContract().getClient();
        client.getCompanyName();
        return new Context(r, server, client, contacts.findByClient_IdOrderByIdAsc(client.getId()));
    }

    @Transactional(readOnly = true)
    public RestoreRequest get(long restoreId) {
        return restores.findById(restoreId).orElseThrow(() -> new NotFoundException("Restore", restoreId));
    }

    @Transactional(readOnly = true)
    public Optional<RestoreRequest> find(long restoreId) {
        return restores.findById(restoreId);
    }

    /**
     * {@code POST /api/servers/{id}/restores}: a restore of a known backup point (R3.6-e).
     *
     * @throws InvalidInputException 400 naming the field (snapshotId, reason)
     * @throws NotFoundException 404 for an unknown server, or a snapshot that is not one of its backup points
     */
    @Transactional
    public RestoreRequest request(long serverId, String snapshotId, String reason, String user) {
        List<FieldProblem> problems = new ArrayList<>();
        if (snapshotId == null || snapshotId.isBlank()) {
            problems.add(new FieldProblem("snapshotId", "is required"));
        } else if (!BackupPoints.SNAPSHOT_ID.matcher(snapshotId).matches()) {
            problems.add(new FieldProblem("snapshotId", "must be a restic snapshot id (8 or 64 lower-case hex digits)"));
        }
        reasonProblem(reason).ifPresent(p -> problems.add(new FieldProblem("reason", p)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Server server = servers.findById(serverId).orElseThrow(() -> new NotFoundException("Server", serverId));
        long clientId = server.getContract().getClientId();
        ResticSnapshot snapshot = backupPoints.find(clientId, serverId, snapshotId)
                .orElseThrow(() -> new NotFoundException("Backup point of server " + serverId, snapshotId));
        RestoreRequest r = new RestoreRequest(serverId, clientId, user, clock.instant(), reason.strip());
        r.choose(BackupPoints.kind(snapshot).orElseThrow(), snapshot.id(), snapshot.time());
        return restores.saveAndFlush(r);
    }

    /** Tasklist's start form: the server and the reason; the backup point is chosen next. */
    @Transactional
    public RestoreRequest register(Long serverId, String reason, String user) {
        if (serverId == null) {
            throw new InvalidInputException("serverId", "is required");
        }
        reasonProblem(reason).ifPresent(p -> {
            throw new InvalidInputException("reason", p);
        });
        Server server = servers.findById(serverId)
                .orElseThrow(() -> new InvalidInputException("serverId", "no server has id " + serverId));
        return restores.saveAndFlush(new RestoreRequest(serverId, server.getContract().getClientId(), user,
                clock.instant(), reason.strip()));
    }

    private static Optional<String> reasonProblem(String reason) {
        if (reason == null || reason.isBlank()) {
            return Optional.of("is required: why the restore is needed");
        }
        return TextRules.problem(reason.strip(), true, 500);
    }

    /** The process instance takes the record; a record already taken is refused (no second run). */
    @Transactional
    public RestoreRequest claim(long restoreId, String processInstanceId) {
        RestoreRequest r = restores.findForUpdate(restoreId).orElseThrow(() -> new NotFoundException("Restore",
                restoreId));
        r.claim(processInstanceId);
        return r;
    }

    @Transactional(readOnly = true)
    public List<ResticSnapshot> backupPoints(long restoreId) {
        RestoreRequest r = get(restoreId);
        return backupPoints.of(r.getClientId(), r.getServerId());
    }

    /** Whether {@code snapshotId} is one of the restore's server's backup points (the choice's check). */
    @Transactional(readOnly = true)
    public Optional<ResticSnapshot> backupPoint(long restoreId, String snapshotId) {
        RestoreRequest r = get(restoreId);
        return backupPoints.find(r.getClientId(), r.getServerId(), snapshotId);
    }

    /** R3.6-e: ops' choice in Tasklist, checked again against the server's backup points. */
    @Transactional
    public RestoreRequest choose(long restoreId, String snapshotId) {
        RestoreRequest r = restores.findForUpdate(restoreId).orElseThrow();
        ResticSnapshot s = backupPoints.find(r.getClientId(), r.getServerId(), snapshotId).orElseThrow(() ->
                new IllegalArgumentException("Snapshot " + snapshotId + " is not a backup point of server "
                        + r.getServerId()));
        r.choose(BackupPoints.kind(s).orElseThrow(), s.id(), s.time());
        return r;
    }

    @Transactional
    public RestoreRequest awaitValidation(long restoreId, String decisionId) {
        RestoreRequest r = restores.findForUpdate(restoreId).orElseThrow();
        r.awaitValidation(decisionId);
        return r;
    }

    /**
     * R3.6-d, rule 11: what the decision record says. APPROVED starts the clock at its answer's time
     * (link or written, with who recorded it and the reference); DECLINED closes the request; anything
     * else is an error: nothing is restored without an APPROVED decision record.
     *
     * @return the record after the validation
     */
    @Transactional
    public RestoreRequest validation(long restoreId, ClientDecision decision) {
        RestoreRequest r = restores.findForUpdate(restoreId).orElseThrow();
        if (!decision.getId().equals(r.getDecisionId()) || !decision.getProcessInstanceId().equals(r.getProcessInstanceId())) {
            throw new IllegalStateException("Decision " + decision.getId() + " is not the validation of restore " + restoreId);
        }
        if (decision.getStatus() == DecisionStatus.DECLINED) {
            r.close(RestoreStatus.DECLINED, clock.instant());
            return r;
        }
        if (decision.getStatus() != DecisionStatus.APPROVED) {
            throw new RestoreRefused("The validation of restore " + restoreId + " (decision " + decision.getId()
                    + ") is " + decision.getStatus() + ": no answer was recorded by the link or by ops, so nothing"
                    + " may be restored (R3.6-d, DESIGN rule 11)");
        }
        RestoreRequest.ValidationChannel channel = switch (decision.getAnswerChannel()) {
            case LINK -> RestoreRequest.ValidationChannel.LINK;
            case WRITTEN -> RestoreRequest.ValidationChannel.WRITTEN;
            case PHONE -> throw new RestoreRefused("Restore " + restoreId + ": a phoned answer is no written"
                    + " validation (R4.3-t3); record the client's writing");
        };
        Instant validatedAt = decision.getAnsweredAt();
        r.validated(channel, validatedAt, decision.getAnsweredByUser(), decision.getAnswerReference(),
                deadlines.restoreDeadline(validatedAt).toInstant());
        LOG.info("Restore {} validated by {} at {}, due {}", restoreId, channel, validatedAt, r.getDueAt());
        return r;
    }

    /** DESIGN rule 12: no validation in time. */
    @Transactional
    public RestoreRequest expire(long restoreId) {
        RestoreRequest r = restores.findForUpdate(restoreId).orElseThrow();
        r.close(RestoreStatus.EXPIRED, clock.instant());
        return r;
    }

    /** What the external task needs to stream a snapshot back (R3.6-d). */
    public record RunPlan(long restoreId, SshTarget server, ResticRepository repository, String snapshotId,
            RestoreDestination destination) {
    }

    /**
     * Before each attempt of the restore stream: the decision record must say APPROVED (rule 11,
     * whatever the variables say), the record is marked started (the first attempt's time stays).
     *
     * @throws RestoreRefused when the restore is not validated or has no destination (no retry)
     */
    @Transactional
    public RunPlan start(long restoreId, ClientDecision decision) {
        RestoreRequest r = restores.findForUpdate(restoreId).orElseThrow(() -> new RestoreRefused("No restore "
                + restoreId));
        if (decision == null || decision.getStatus() != DecisionStatus.APPROVED
                || !decision.getId().equals(r.getDecisionId()) || r.getValidatedAt() == null) {
            throw new RestoreRefused("Restore " + restoreId + " has no APPROVED validation on record: nothing is"
                    + " restored (R3.6-d, DESIGN rule 11)");
        }
        Server server = servers.findById(r.getServerId()).orElseThrow();
        String name = switch (r.getKind()) {
            case DATABASE -> server.getDatabaseName();
            case FILES -> server.getInstallPath();
            case SERVER -> "/";
        };
        if (name == null || name.isBlank()) {
            throw new RestoreRefused("Server " + server.getName() + " has no " + (r.getKind() == BackupKind.DATABASE
                    ? "database name" : "install path") + " in the register: nowhere to restore the "
                    + r.getKind().tag() + " snapshot");
        }
        ResticRepository repository = ports.repositories().repository(r.getClientId()).orElseThrow(() ->
                new RestoreRefused("Client " + r.getClientId() + " has no backup repository"));
        r.started(clock.instant());
        return new RunPlan(restoreId, target(server), repository, r.getSnapshotId(),
                new RestoreDestination(r.getKind(), name));
    }

    static SshTarget target(Server server) {
        return new SshTarget(server.getAddress(), server.getSshPort(), server.getSshUser(),
                server.getHostKeyFingerprint());
    }

    /** The restore failed for good (or a check could not run): the readable reason on the record. */
    @Transactional
    public void failed(long restoreId, String readable) {
        restores.findForUpdate(restoreId).ifPresent(r -> r.failed(readable));
    }

    /** What the checks after the stream found. */
    public record CheckResult(boolean healthy, String findings) {
    }

    /**
     * R3.6-d: after the stream, the shop answers (status and keyword of the register) and the
     * database has its tables. Healthy, the restore is finished now and the deadline met or not.
     */
    @Transactional
    public CheckResult check(long restoreId) {
        RestoreRequest r = restores.findForUpdate(restoreId).orElseThrow();
        Server server = servers.findById(r.getServerId()).orElseThrow();
        ShopCheck.Answer shop = shopCheck.check(server);
        String database = server.getDatabaseName();
        Integer tables = database == null || database.isBlank() ? null
                : ports.databaseCheck().tableCount(target(server), database);
        boolean healthy = shop.answers() && (tables == null || tables > 0);
        String findings = "shop " + server.getPrestashopUrl() + ": " + shop.describe()
                + (tables == null ? "; no database in the register" : "; database " + database + ": " + tables
                        + " table(s)");
        boolean wasFinished = r.getFinishedAt() != null;
        r.checked(findings, tables, healthy, clock.instant());
        if (healthy && !wasFinished) {
            metrics.finished(r.getKind(), clock.elapsed(r.getStartedAt(), r.getFinishedAt()), r.getDeadlineMet());
        }
        return new CheckResult(healthy, findings);
    }

    /** Ops confirmed the restored shop (Task_ConfirmRestoredShop), with who and their remarks. */
    @Transactional
    public RestoreRequest confirm(long restoreId, String user, String remarks) {
        RestoreRequest r = restores.findForUpdate(restoreId).orElseThrow();
        r.confirmed(user, clock.instant(), remarks);
        return r;
    }

    /**
     * R3.6-d: the deadline passed. Escalated (true) unless the restore finished in time (a late
     * confirmation by ops is no breach of the contract).
     */
    @Transactional
    public boolean deadlinePassed(long restoreId) {
        RestoreRequest r = restores.findForUpdate(restoreId).orElseThrow();
        if (r.getFinishedAt() != null && Boolean.TRUE.equals(r.getDeadlineMet())) {
            return false;
        }
        metrics.escalated();
        return true;
    }

    @Transactional
    public RestoreRequest reported(long restoreId) {
        RestoreRequest r = restores.findForUpdate(restoreId).orElseThrow();
        r.reported(clock.instant());
        return r;
    }
}
