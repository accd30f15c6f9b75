package fr.progerance.ops.bench;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.backup.BackupTestPorts;
import fr.progerance.ops.backup.FakeBackupPorts;
import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.billing.InvoiceIssuer;
import fr.progerance.ops.billing.dunning.FinalBackups;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Elements;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskHandler;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.engine.worker.WorkerSettings;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.remote.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.ThreadPoolJobExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code ./bench}: figures, never assertions on time. How long {@code bench.invoices} (default
 * 10,000) invoices reaching their R7.3 suspension in the same minute take on one node, and the job
 * throughput, as a ratio to the bare SSH work of those suspensions measured in the same run.
 *
 * <ol>
 *   <li>Setup (not measured): as many clients, each with a PRIMARY and a BILLING contact, one
 *       ACTIVE contract started 2025-01-01 and one PROGERANCE server on a loopback
 *       {@link EmbeddedSshServer} (whose {@code sudo} and {@code systemctl} are stand-ins that
 *       succeed). The first client is created through the HTTP API; the others are JDBC copies of
 *       its rows ({@link RegisterCopies}), one of which is read back through the API and compared
 *       with the first. December 2025's invoices are issued ({@link InvoiceIssuer#issueMonth}), each
 *       starting its {@code InvoiceDunning}; the jobs run (dates planned, invoices mailed), then on
 *       13 December the reminders go out, so that every instance waits for its payment with only
 *       the suspension timer ahead.</li>
 *   <li>Measured: the clock jumps to 16 December 2025 00:00 Paris (every suspension timer due) and
 *       then flows in real time; Camunda's job executor and the application's external task worker
 *       run with the application's settings until every client account is SUSPENDED and every
 *       instance waits in {@code SubProcess_Suspended}.</li>
 *   <li>Baseline: the SSH commands of those suspensions (DISABLE_SERVICE, one per unit of
 *       {@code ops.billing.suspension.progerance-units}) sent straight through the same
 *       {@code RemoteExecutor} to the same server, from as many threads as the job executor may use.</li>
 * </ol>
 *
 * Options: {@code -Dbench.invoices=N}; {@code -Dbench.worker.threads=T} and
 * {@code -Dbench.worker.poll-interval=PT0.1S} replace the worker's settings (the output says so);
 * {@code -Dbench.timeout=PT3H} (default PT1H) and {@code -Dbench.stall=PT20M} (default PT15M, longer
 * than the longest retry interval and lock duration of the steps, 10 minutes): after that long, or
 * that long without progress, the figures reached so far are reported.
 */
@OpsSpringBootTest
class DunningSuspensionBenchmark {

    private static final int INVOICES = Integer.getInteger("bench.invoices", 10_000);
    private static final Duration TIMEOUT = Duration.parse(System.getProperty("bench.timeout", "PT1H"));
    private static final Duration STALL = Duration.parse(System.getProperty("bench.stall", "PT15M"));
    private static final Integer WORKER_THREADS = Integer.getInteger("bench.worker.threads");
    private static final String WORKER_POLL = System.getProperty("bench.worker.poll-interval");

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** R7.2: December 2025's invoices are issued 1 December 00:00 Paris. */
    private static final LocalDate DECEMBER = LocalDate.of(2025, 12, 1);
    /** R7.3 with ops.billing.dunning.reminder-before-due = 3 days: the reminders are due 13 December 00:00. */
    private static final Instant REMINDERS = paris(LocalDate.of(2025, 12, 13));
    /** R7.3: issue + 15 days, every suspension timer due at 16 December 00:00 Paris. */
    private static final Instant SUSPENSIONS = paris(LocalDate.of(2025, 12, 16));

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @TempDir
    Path dir;

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    List<ExternalTaskHandler> handlers;
    @Autowired
    WorkerSettings appWorker;
    @Autowired
    MovableClock clock;
    @Autowired
    TestPeers.SwitchableRemote remote;
    @Autowired
    BackupTestPorts.Real realBackupPorts;
    @Autowired
    FakeBackupPorts backupPorts;
    @Autowired
    InvoiceIssuer issuer;
    @Autowired
    BillingSettings billing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;

    private long firstClient;
    private long lastClient;
    private int unitsPerServer;

    @Test
    void invoicesReachingTheirSuspensionInTheSameMinute() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // The server's sudoers rule and systemd, played by stand-ins that succeed (the machine runs no systemd).
        executable(bin.resolve("sudo"), "#!/bin/sh\n[ \"$1\" = \"-n\" ] && shift\nexec \"$@\"\n");
        executable(bin.resolve("systemctl"), "#!/bin/sh\nexit 0\n");
        JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getJobExecutor();
        try (EmbeddedSshServer ssh = new EmbeddedSshServer().start()) {
            ssh.prependPath(bin);
            remote.useReal();
            realBackupPorts.off();
            backupPorts.reset();
            unitsPerServer = billing.getSuspension().getProgeranceUnits().size();
            clock.set(paris(DECEMBER));

            long setupStart = System.nanoTime();
            register(ssh);
            double registerSeconds = secondsSince(setupStart);
            System.out.printf(Locale.ROOT, "[bench] %d clients in the register (%.1f s)%n", INVOICES, registerSeconds);

            long issueStart = System.nanoTime();
            InvoiceIssuer.IssueReport issued = issuer.issueMonth(DECEMBER);
            double issueSeconds = secondsSince(issueStart);
            if (issued.failed() || issued.issued().size() != INVOICES) {
                throw new AssertionError("Expected " + INVOICES + " invoices of the benchmark's contracts: "
                        + issued.summary());
            }
            System.out.printf(Locale.ROOT, "[bench] %s (%.1f s)%n", issued.summary(), issueSeconds);

            ExecutorSettings executor = applyAppSettings(jobExecutor);
            long prepareStart = System.nanoTime();
            runJobsUntil(jobExecutor, "every invoice mailed, every instance waiting for its payment",
                    () -> waitingAt(Elements.PAYMENT_RECEIVED) == INVOICES && dueDunningJobs() == 0);
            MAIL.purgeEmailFromAllMailboxes();
            clock.set(REMINDERS);
            runJobsUntil(jobExecutor, "every reminder sent (13 December)",
                    () -> finished(Elements.END_REMINDED) == INVOICES && dueDunningJobs() == 0);
            MAIL.purgeEmailFromAllMailboxes();
            double prepareSeconds = secondsSince(prepareStart);

            SshTarget target = ssh.target();
            List<String> units = billing.getSuspension().getProgeranceUnits();
            int commands = INVOICES * unitsPerServer;
            sshCommands(target, units, Math.min(commands, 200), executor.maxPoolSize()); // warm-up
            Duration baseline = sshCommands(target, units, commands, executor.maxPoolSize());
            ssh.reset();

            Measurement m = measure(jobExecutor);
            int sshReceived = ssh.executedCommands().size();
            report(new Setup(registerSeconds, issueSeconds, prepareSeconds), executor, m, sshReceived, baseline,
                    commands);
        } finally {
            if (jobExecutor.isActive()) {
                jobExecutor.shutdown();
            }
            remote.useReal();
            backupPorts.reset();
            clock.reset();
        }
    }

    // === setup ======================================================================================

    /** One client through the API, the others as JDBC copies of its rows; one copy read back through the API. */
    private void register(EmbeddedSshServer ssh) {
        RegisterApi api = new RegisterApi(port);
        long clientId = api.createClient();
        String tag = RegisterApi.unique("b").replace("-", "");
        api.createContact(clientId, "PRIMARY", "email", "direction." + tag + "@client.example");
        api.createContact(clientId, "BILLING", "email", "compta." + tag + "@client.example");
        long contractId = created(api.api.post("/api/contracts", with(RegisterApi.contractBody(clientId),
                "databaseConnectionQuota", 100, "startDate", "2025-01-01", "monthlyFeeExclTax", 290.00)));
        long serverId = created(api.api.post("/api/servers", with(RegisterApi.serverBody(contractId, "PROGERANCE"),
                "address", ssh.host(), "sshPort", ssh.port(), "sshUser", ssh.user(),
                "hostKeyFingerprint", ssh.hostKeyFingerprint())));
        TestApi.Answer activated = api.setStatus(contractId, "ACTIVE");
        if (activated.status() != 200) {
            throw new AssertionError("The template contract was not activated: " + activated);
        }
        firstClient = clientId;
        lastClient = clientId;
        int copies = INVOICES - 1;
        if (copies == 0) {
            return;
        }

        RegisterCopies rows = new RegisterCopies(jdbc);
        for (String table : List.of("ops_contract_procedure_step", "ops_contract_allowed_action")) {
            Long extra = jdbc.queryForObject("select count(*) from " + table + " where contract_id = ?", Long.class,
                    contractId);
            if (extra != 0) {
                throw new IllegalStateException("The template contract has rows in " + table + "; copy them too");
            }
        }
        String run = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
                (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
        List<String> names = new ArrayList<>(copies);
        List<String> references = new ArrayList<>(copies);
        for (int i = 0; i < copies; i++) {
            names.add(String.format(Locale.ROOT, "Boutique Bench %s %06d SAS", run, i));
            references.add(String.format(Locale.ROOT, "BENCH-%s-%06d", run, i));
        }
        long sirenBase = ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L - INVOICES);
        rows.insert("ops_client", rows.row("ops_client", clientId), copies, i -> Map.of(
                "company_name", names.get(i), "vat_number", frenchVat(sirenBase + i)));
        List<Long> clients = rows.ids("ops_client", "company_name", "Boutique Bench " + run + " %", names);

        List<Map<String, Object>> contacts = rows.rows("ops_contact", "client_id", clientId);
        for (Map<String, Object> contact : contacts) {
            String role = ((String) contact.get("ROLE")).toLowerCase(Locale.ROOT);
            String local = role.equals("billing") ? "compta" : "direction";
            rows.insert("ops_contact", contact, copies, i -> Map.of("client_id", clients.get(i),
                    "name", "Contact " + role + " " + run + " " + i,
                    "email", String.format(Locale.ROOT, "%s.%s%06d@client.example", local, run, i)));
        }
        rows.insert("ops_contract", rows.row("ops_contract", contractId), copies, i -> Map.of(
                "client_id", clients.get(i), "reference", references.get(i)));
        List<Long> contracts = rows.ids("ops_contract", "reference", "BENCH-" + run + "-%", references);
        rows.insert("ops_server", rows.row("ops_server", serverId), copies, i -> {
            String name = String.format(Locale.ROOT, "bench-%s-%06d", run, i);
            return Map.of("contract_id", contracts.get(i), "name", name,
                    "prestashop_url", "https://" + name + ".example.net/",
                    "database_name", String.format(Locale.ROOT, "shop_%s_%06d", run, i));
        });
        lastClient = clients.get(copies - 1);
        long inRange = count("select count(*) from ops_client where id between ? and ?", firstClient, lastClient);
        if (inRange != INVOICES) {
            throw new IllegalStateException("Expected the benchmark's " + INVOICES + " clients to have ids "
                    + firstClient + " to " + lastClient + "; found " + inRange + " clients there");
        }
        int probe = copies / 2;
        verifyThroughTheApi(api.api, clientId, contractId, serverId, clients.get(probe), contracts.get(probe),
                jdbc.queryForObject("select id from ops_server where contract_id = ?", Long.class, contracts.get(probe)));
    }

    /** A JDBC copy reads through the API exactly as the client created through the API, but for what identifies it. */
    private static void verifyThroughTheApi(TestApi api, long clientId, long contractId, long serverId, long copyClient,
            long copyContract, long copyServer) {
        Set<String> identifying = Set.of("id", "clientId", "contractId", "companyName", "vatNumber", "name", "email",
                "clientName", "reference", "prestashopUrl", "databaseName");
        same(api, "/api/clients/" + clientId, "/api/clients/" + copyClient, identifying);
        same(api, "/api/clients/" + clientId + "/contacts", "/api/clients/" + copyClient + "/contacts", identifying);
        same(api, "/api/contracts/" + contractId, "/api/contracts/" + copyContract, identifying);
        same(api, "/api/servers/" + serverId, "/api/servers/" + copyServer, identifying);
        System.out.printf("[bench] client %d (JDBC copy) reads through the API like client %d (API)%n", copyClient,
                clientId);
    }

    private static void same(TestApi api, String templatePath, String copyPath, Set<String> identifying) {
        TestApi.Answer template = api.get(templatePath);
        TestApi.Answer copy = api.get(copyPath);
        if (template.status() != 200 || copy.status() != 200) {
            throw new AssertionError("GET " + templatePath + " / " + copyPath + ": " + template + " / " + copy);
        }
        JsonNode t = template.json();
        JsonNode c = copy.json();
        List<JsonNode> ts = t.isArray() ? list(t) : List.of(t);
        List<JsonNode> cs = c.isArray() ? list(c) : List.of(c);
        if (ts.size() != cs.size()) {
            throw new AssertionError(copyPath + " has " + cs.size() + " entries, " + templatePath + " " + ts.size());
        }
        for (int i = 0; i < ts.size(); i++) {
            List<String> fields = new ArrayList<>();
            ts.get(i).fieldNames().forEachRemaining(fields::add);
            List<String> copyFields = new ArrayList<>();
            cs.get(i).fieldNames().forEachRemaining(copyFields::add);
            if (!fields.equals(copyFields)) {
                throw new AssertionError(copyPath + " fields " + copyFields + " differ from " + fields);
            }
            for (String field : fields) {
                if (!identifying.contains(field) && !ts.get(i).get(field).equals(cs.get(i).get(field))) {
                    throw new AssertionError(copyPath + " ." + field + " = " + cs.get(i).get(field) + ", but "
                            + templatePath + " ." + field + " = " + ts.get(i).get(field));
                }
            }
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    // === the job executor and the worker ==============================================================

    /** The job executor's settings as the application sets them (camunda.bpm.job-execution.*). */
    private record ExecutorSettings(String type, int corePoolSize, int maxPoolSize, int queueSize,
            int jobsPerAcquisition, int lockTimeMillis) {
    }

    /**
     * The test profile turns the job executor off, so the engine built its default one: give it the
     * pool sizes and lock time of application.yaml (the same as Camunda's defaults but for the lock
     * time), nothing else.
     */
    private ExecutorSettings applyAppSettings(JobExecutor jobExecutor) {
        if (jobExecutor instanceof DefaultJobExecutor pool) {
            pool.setCorePoolSize(setting("core-pool-size", pool.getCorePoolSize()));
            pool.setMaxPoolSize(setting("max-pool-size", pool.getMaxPoolSize()));
            pool.setQueueSize(setting("queue-capacity", pool.getQueueSize()));
            jobExecutor.setLockTimeInMillis(setting("lock-time-in-millis", jobExecutor.getLockTimeInMillis()));
            return new ExecutorSettings(jobExecutor.getClass().getSimpleName(), pool.getCorePoolSize(),
                    pool.getMaxPoolSize(), pool.getQueueSize(), jobExecutor.getMaxJobsPerAcquisition(),
                    jobExecutor.getLockTimeInMillis());
        }
        throw new IllegalStateException("Expected the engine's DefaultJobExecutor in the test profile, found "
                + jobExecutor.getClass().getName());
    }

    private int setting(String name, int fallback) {
        return environment.getProperty("camunda.bpm.job-execution." + name, Integer.class, fallback);
    }

    private WorkerSettings workerSettings() {
        Duration poll = WORKER_POLL == null ? appWorker.pollInterval() : Duration.parse(WORKER_POLL);
        int threads = WORKER_THREADS == null ? appWorker.threads() : WORKER_THREADS;
        return new WorkerSettings(true, poll, threads);
    }

    /** Runs the job executor until {@code done}; fails when nothing moves for {@link #STALL}. */
    private void runJobsUntil(JobExecutor jobExecutor, String what, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        long failuresBefore = jobFailures();
        jobExecutor.start();
        try {
            long lastJobs = -1;
            long lastMove = System.nanoTime();
            long lastPrint = System.nanoTime();
            while (!done.getAsBoolean()) {
                Thread.sleep(500);
                long jobs = jobsDone();
                if (jobs != lastJobs) {
                    lastJobs = jobs;
                    lastMove = System.nanoTime();
                } else if (System.nanoTime() - lastMove > STALL.toNanos()) {
                    throw new AssertionError("Setup stalled before " + what + ": " + failures(failuresBefore, 0));
                }
                if (System.nanoTime() - lastPrint > 30_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.out.printf(Locale.ROOT, "[bench] setup %.0f s: %d jobs done (%s)%n", secondsSince(start),
                            jobs, what);
                }
            }
        } finally {
            jobExecutor.shutdown();
        }
        System.out.printf(Locale.ROOT, "[bench] setup: %s (%.1f s, %d failed job attempts)%n", what,
                secondsSince(start), jobFailures() - failuresBefore);
    }

    // === measured ===================================================================================

    /** Counts of what the suspensions have done, read from the records and Camunda's runtime and history. */
    private record Progress(long decided, long held, long sshDone, long contracts, long waiting, long jobs,
            long jobFailures, long tasks, long taskFailures, long incidents) {

        long moves() {
            return jobs + jobFailures + tasks + taskFailures;
        }
    }

    private record Measurement(Duration elapsed, boolean complete, String stopped, Progress before, Progress after,
            Map<String, Double> milestones, double peakJobsPerSecond, int largestPool, WorkerSettings worker,
            long mails, String failures, int lostOutcomes, int redoneOutcomes) {
    }

    private Measurement measure(JobExecutor jobExecutor) throws Exception {
        clock.set(SUSPENSIONS);
        Progress before = progress();
        long jobFailuresBefore = before.jobFailures();
        long taskFailuresBefore = before.taskFailures();
        WorkerSettings workerSettings = workerSettings();
        ExternalTaskWorker worker = new ExternalTaskWorker(externalTasks, handlers, workerSettings);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-clock");
            t.setDaemon(true);
            return t;
        });
        Map<String, Double> milestones = new LinkedHashMap<>();
        List<double[]> jobSamples = new ArrayList<>(); // {seconds, jobs done}
        long pollMillis = INVOICES <= 100 ? 250 : 1_000;
        String stopped = null;
        int largestPool;
        // Outcomes the engine kept refusing, counted from the worker's log: lost ones leave the task locked until
        // its lock expires, then it runs again; those still conflicting after the worker's attempts are unlocked
        // and run again at once.
        AtomicInteger lostOutcomes = new AtomicInteger();
        AtomicInteger redoneOutcomes = new AtomicInteger();
        Logger workerLog = (Logger) LoggerFactory.getLogger(ExternalTaskWorker.class);
        AppenderBase<ILoggingEvent> lostOutcomeCounter = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getMessage().startsWith("Could not report the outcome")) {
                    lostOutcomes.incrementAndGet();
                } else if (event.getMessage().contains("its outcome still conflicts")) {
                    redoneOutcomes.incrementAndGet();
                }
            }
        };
        lostOutcomeCounter.start();
        workerLog.addAppender(lostOutcomeCounter);
        System.out.printf(Locale.ROOT, "[bench] measuring: %d suspensions due at %s%n", INVOICES, SUSPENSIONS);
        long start = System.nanoTime();
        // From 16 December 00:00 the clock flows as the wall clock does: retries, lock expiries and the
        // final backup's time limit come when they would on a real node.
        ticker.scheduleAtFixedRate(() -> clock.set(SUSPENSIONS.plusNanos(System.nanoTime() - start)), 100, 100,
                TimeUnit.MILLISECONDS);
        jobExecutor.start();
        worker.start();
        Progress now;
        try {
            long lastMoves = -1;
            long lastMove = System.nanoTime();
            long lastPrint = System.nanoTime();
            while (true) {
                now = progress();
                double at = secondsSince(start);
                milestone(milestones, "decided", now.decided() >= INVOICES, at);
                milestone(milestones, "backups held", now.held() >= (long) INVOICES * FinalBackups.KINDS.size(), at);
                milestone(milestones, "SSH done", now.sshDone() >= (long) INVOICES * unitsPerServer, at);
                milestone(milestones, "contracts suspended", now.contracts() >= INVOICES, at);
                milestone(milestones, "half waiting", now.waiting() * 2 >= INVOICES, at);
                milestone(milestones, "90 % waiting", now.waiting() * 10 >= INVOICES * 9L, at);
                milestone(milestones, "all waiting", now.waiting() >= INVOICES, at);
                jobSamples.add(new double[] {at, now.jobs() - before.jobs()});
                if (now.decided() >= INVOICES && now.waiting() >= INVOICES) {
                    break;
                }
                if (now.moves() != lastMoves) {
                    lastMoves = now.moves();
                    lastMove = System.nanoTime();
                } else if (System.nanoTime() - lastMove > STALL.toNanos()) {
                    stopped = "nothing moved for " + STALL;
                    break;
                }
                if (System.nanoTime() - start > TIMEOUT.toNanos()) {
                    stopped = "stopped after " + TIMEOUT + " (bench.timeout)";
                    break;
                }
                if (System.nanoTime() - lastPrint > 30_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.out.printf(Locale.ROOT, "[bench] %.0f s: %d decided, %d holds, %d SSH done, %d waiting;"
                            + " %d jobs, %d external tasks, %d failed attempts%n", at, now.decided(), now.held(),
                            now.sshDone(), now.waiting(), now.jobs() - before.jobs(), now.tasks() - before.tasks(),
                            now.jobFailures() - jobFailuresBefore + now.taskFailures() - taskFailuresBefore);
                }
                Thread.sleep(pollMillis);
            }
        } finally {
            // ThreadPoolExecutor counts a thread that is leaving (keep-alive 0) and its replacement together: at most the maximum.
            largestPool = jobExecutor instanceof ThreadPoolJobExecutor pool && pool.getThreadPoolExecutor() != null
                    ? Math.min(pool.getThreadPoolExecutor().getLargestPoolSize(),
                            pool.getThreadPoolExecutor().getMaximumPoolSize()) : -1;
            worker.stop();
            jobExecutor.shutdown();
            ticker.shutdownNow();
            workerLog.detachAppender(lostOutcomeCounter);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Progress after = progress();
        long mails = MAIL.getReceivedMessages().length;
        MAIL.purgeEmailFromAllMailboxes();
        return new Measurement(elapsed, stopped == null, stopped, before, after, milestones, peak(jobSamples, 10),
                largestPool, workerSettings, mails, failures(jobFailuresBefore, taskFailuresBefore), lostOutcomes.get(),
                redoneOutcomes.get());
    }

    /** The highest rate over any window of at least {@code window} seconds ({@code samples}: seconds, count). */
    private static double peak(List<double[]> samples, double window) {
        double best = 0;
        int from = 0;
        for (int to = 0; to < samples.size(); to++) {
            while (from + 1 < to && samples.get(to)[0] - samples.get(from + 1)[0] >= window) {
                from++;
            }
            double span = samples.get(to)[0] - samples.get(from)[0];
            if (span >= window) {
                best = Math.max(best, (samples.get(to)[1] - samples.get(from)[1]) / span);
            }
        }
        return best;
    }

    private static void milestone(Map<String, Double> milestones, String name, boolean reached, double at) {
        if (reached) {
            milestones.putIfAbsent(name, at);
        }
    }

    private Progress progress() {
        return new Progress(
                count("select count(*) from ops_client_account where standing = 'SUSPENDED' and client_id between ? and ?",
                        firstClient, lastClient),
                count("select count(*) from ops_backup_hold where reason = 'SUSPENSION_FINAL_BACKUP'"
                        + " and client_id between ? and ?", firstClient, lastClient),
                count("select count(*) from ops_remote_operation where status = 'DONE' and operation_key like ?",
                        InvoiceDunningProcess.KEY + ":%:suspend:%"),
                count("select count(*) from ops_contract where status = 'SUSPENDED' and client_id between ? and ?",
                        firstClient, lastClient),
                waitingAt(Elements.SUSPENDED_PAYMENT_RECEIVED),
                jobsDone(), jobFailures(),
                history.createHistoricExternalTaskLogQuery().successLog().count(),
                history.createHistoricExternalTaskLogQuery().failureLog().count(),
                runtime.createIncidentQuery().count());
    }

    /** The failures since the counts given (jobs and external tasks), grouped by step and the start of their message. */
    private String failures(long jobFailuresBefore, long taskFailuresBefore) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        long jobs = jobFailures() - jobFailuresBefore;
        if (jobs > 0) {
            for (HistoricJobLog log : history.createHistoricJobLogQuery().failureLog().orderByTimestamp().asc()
                    .listPage((int) Math.max(0, jobFailuresBefore), (int) Math.min(jobs, 1_000))) {
                kinds.merge(log.getActivityId() + ": " + gist(log.getJobExceptionMessage()), 1, Integer::sum);
            }
        }
        long tasks = history.createHistoricExternalTaskLogQuery().failureLog().count() - taskFailuresBefore;
        if (tasks > 0) {
            for (HistoricExternalTaskLog log : history.createHistoricExternalTaskLogQuery().failureLog()
                    .orderByTimestamp().asc().listPage((int) Math.max(0, taskFailuresBefore), (int) Math.min(tasks, 1_000))) {
                kinds.merge(log.getActivityId() + " (" + log.getTopicName() + "): " + gist(log.getErrorMessage()), 1,
                        Integer::sum);
            }
        }
        List<String> lines = new ArrayList<>();
        kinds.forEach((kind, times) -> lines.add(times + " x " + kind));
        return String.join("; ", lines.subList(0, Math.min(lines.size(), 5)));
    }

    /** The start of a failure message, without the values that differ from one instance to the next. */
    private static String gist(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.lines().findFirst().orElse("").replaceAll("\\(.*", "(…");
        return line.length() > 140 ? line.substring(0, 139) + "…" : line;
    }

    private long waitingAt(String activityId) {
        return runtime.createExecutionQuery().processDefinitionKey(InvoiceDunningProcess.KEY).activityId(activityId)
                .count();
    }

    private long finished(String activityId) {
        return history.createHistoricActivityInstanceQuery().activityId(activityId).finished().count();
    }

    private long dueDunningJobs() {
        return management.createJobQuery().processDefinitionKey(InvoiceDunningProcess.KEY).executable().count();
    }

    private long jobsDone() {
        return history.createHistoricJobLogQuery().successLog().count();
    }

    private long jobFailures() {
        return history.createHistoricJobLogQuery().failureLog().count();
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    // === baseline ===================================================================================

    /** {@code commands} DISABLE_SERVICE commands straight through the application's RemoteExecutor, from {@code threads} threads. */
    private Duration sshCommands(SshTarget target, List<String> units, int commands, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < commands; i = next.getAndIncrement()) {
                        CommandResult result = remote.run(target, CommandTemplate.DISABLE_SERVICE,
                                units.get(i % units.size()));
                        if (!result.succeeded()) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (failed.get() > 0) {
            throw new AssertionError(failed.get() + " of " + commands + " baseline SSH commands failed");
        }
        return elapsed;
    }

    // === report =====================================================================================

    private record Setup(double registerSeconds, double issueSeconds, double prepareSeconds) {
    }

    private void report(Setup setup, ExecutorSettings executor, Measurement m, int sshReceived, Duration baseline,
            int commands) throws IOException {
        double seconds = m.elapsed().toNanos() / 1e9;
        long jobs = m.after().jobs() - m.before().jobs();
        long tasks = m.after().tasks() - m.before().tasks();
        long suspended = Math.min(m.after().decided(), m.after().waiting());
        long jobFailures = m.after().jobFailures() - m.before().jobFailures();
        long taskFailures = m.after().taskFailures() - m.before().taskFailures();
        long incidents = m.after().incidents() - m.before().incidents();
        double baselineSeconds = baseline.toNanos() / 1e9;
        WorkerSettings w = m.worker();
        boolean appWorkerSettings = w.threads().equals(appWorker.threads())
                && w.pollInterval().equals(appWorker.pollInterval());

        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "InvoiceDunning: %d invoices reaching their suspension in the same minute"
                + " on one node (R7.3)", INVOICES));
        for (String line : List.of(
                "At 16 December 2025 00:00 Paris the suspension timers of all the invoices issued on 1 December are",
                "due (their invoice and reminder mails went out before); from then on the clock flows in real time.",
                "Camunda's job executor and the application's external task worker run as on one node until every",
                "client account is SUSPENDED and every instance waits in SubProcess_Suspended: that wall time, with",
                "the moments when every client had been decided (account lock), had its final backups held, its SSH",
                "done and its contract suspended, and when half, 90 % and all instances waited. The final backups",
                "are Backup call activities whose external tasks run on the tests' fake backup ports (FakeBackupPorts,",
                "BackupTestPorts: no restic, no data moved); the SSH actions are real (RemoteOperations,",
                "JschRemoteExecutor) against a loopback SSH server whose sudo and systemctl are stand-ins that",
                "succeed; mails go to GreenMail; H2 in memory. Jobs and external tasks are counted from Camunda's",
                "history, per second of the whole run and over its best 10 s. The baseline sends the same SSH",
                "commands (DISABLE_SERVICE, " + unitsPerServer + " per suspension) straight through the same RemoteExecutor from as",
                "many threads as the job executor may run: the ratio is what the engine, the database, the backups",
                "and the mails add to the bare SSH work.")) {
            lines.add("  " + line);
        }
        lines.add(String.format(Locale.ROOT, "  Setup: %d clients (1 through the API, %d JDBC copies checked through"
                + " the API) %.1f s; %d invoices issued %.1f s (%.1f/s); mailed, reminded, waiting %.1f s",
                INVOICES, INVOICES - 1, setup.registerSeconds(), INVOICES, setup.issueSeconds(),
                INVOICES / setup.issueSeconds(), setup.prepareSeconds()));
        lines.add(String.format(Locale.ROOT, "  Job executor (%s, camunda.bpm.job-execution.*): %d core / %d max"
                + " threads, queue %d, %d jobs per acquisition, lock %d s; largest pool reached: %d threads",
                executor.type(), executor.corePoolSize(), executor.maxPoolSize(), executor.queueSize(),
                executor.jobsPerAcquisition(), executor.lockTimeMillis() / 1000, m.largestPool()));
        lines.add(String.format(Locale.ROOT, "  External task worker (%s): %d threads, polls every %s when idle"
                + " (a thread that frees up looks again at once)", appWorkerSettings
                ? "ops.worker.*, the application's settings"
                : "CHANGED by -Dbench.worker.*, not the application's settings", w.threads(),
                w.pollInterval().toString().substring(2).toLowerCase(Locale.ROOT)));
        if (m.complete()) {
            lines.add(String.format(Locale.ROOT, "  All %d suspended and waiting:          %9.1f s  (%.2f suspensions/s)",
                    INVOICES, seconds, INVOICES / seconds));
        } else {
            lines.add(String.format(Locale.ROOT, "  INCOMPLETE, %s: %d of %d suspended and waiting after %.1f s"
                    + " (%.2f suspensions/s; at that rate all %d would take %.0f s)", m.stopped(), suspended, INVOICES,
                    seconds, suspended / seconds, INVOICES, suspended == 0 ? Double.NaN : INVOICES * seconds / suspended));
        }
        List<String> reached = new ArrayList<>();
        m.milestones().forEach((name, at) -> reached.add(String.format(Locale.ROOT, "%s %.1f s", name, at)));
        lines.add("    every client reached: " + (reached.isEmpty() ? "none" : String.join(", ", reached)));
        lines.add(String.format(Locale.ROOT, "  Jobs executed: %d (%.1f per suspension)      %9.1f jobs/s (best 10 s:"
                + " %.1f jobs/s)", jobs, suspended == 0 ? Double.NaN : (double) jobs / suspended, jobs / seconds,
                m.peakJobsPerSecond()));
        lines.add(String.format(Locale.ROOT, "  External tasks completed: %d               %9.2f tasks/s", tasks,
                tasks / seconds));
        lines.add(String.format(Locale.ROOT, "  Failed attempts: %d jobs, %d external tasks; new incidents: %d", jobFailures,
                taskFailures, incidents));
        if (jobFailures + taskFailures > 0) {
            lines.add("    " + m.failures());
        }
        lines.add(String.format(Locale.ROOT, "  External task outcomes the engine kept refusing: %d lost (the task waits"
                + " for its lock to expire, then runs again), %d unlocked and run again", m.lostOutcomes(),
                m.redoneOutcomes()));
        lines.add(String.format(Locale.ROOT, "  SSH commands received by the server: %d; mails received: %d",
                sshReceived, m.mails()));
        lines.add(String.format(Locale.ROOT, "  Baseline, %d DISABLE_SERVICE over SSH, %d threads: %9.1f s  (%.1f"
                + " commands/s)", commands, executor.maxPoolSize(), baselineSeconds, commands / baselineSeconds));
        lines.add(String.format(Locale.ROOT, "  Ratio suspension time / baseline:             %9.2f%s",
                seconds / baselineSeconds, m.complete() ? "" : " (incomplete run)"));
        Path out = Path.of("target/bench/dunning-suspension.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    // === helpers ====================================================================================

    private static Instant paris(LocalDate date) {
        return date.atStartOfDay(PARIS).toInstant();
    }

    private static double secondsSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1e9;
    }

    /** A French VAT number with a correct key for this SIREN. */
    private static String frenchVat(long siren) {
        long key = (12 + 3 * (siren % 97)) % 97;
        return String.format(Locale.ROOT, "FR%02d%09d", key, siren);
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
