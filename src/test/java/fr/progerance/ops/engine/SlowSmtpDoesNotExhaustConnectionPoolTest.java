package fr.progerance.ops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import fr.progerance.ops.SlowSmtpServer;
import fr.progerance.ops.notify.MailSettings;
import fr.progerance.ops.notify.MailTemplates;
import fr.progerance.ops.notify.Mailer;
import fr.progerance.ops.notify.OutgoingMail;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 6, the proof: ten job threads sending mail at once through a slow SMTP server neither
 * exhaust nor deadlock a connection pool sized by the production rule
 * ({@link ConnectionBudgetCheck#minimumPoolSize}), even while web requests hold the whole web
 * reserve. Everything is real except the process: a loopback SMTP peer that holds back its DATA
 * replies, a Camunda engine wired by hand like the Spring Boot starter does (Spring transactions,
 * {@link SpringJobExecutor} over a {@link ThreadPoolTaskExecutor} of ten threads) with its own
 * name and its own in-memory H2 database behind a real Hikari pool, and the real {@link Mailer}
 * called from an async service task. No Spring Boot context: its engine would clash with the shared
 * test context's.
 *
 * <p>What the former mailer (one REQUIRES_NEW transaction held through the SMTP conversation) did
 * in this very test, run once against the former code: with this pool, each job needed two
 * connections, so at most 5 mails were in SMTP at once (instead of 10), threads waited up to 8.1 s
 * for a connection (now: a few tens of milliseconds) and the test took 17 s (now: 7 s). With Hikari's default pool of 10 and no reserve taken, the ten job threads
 * each held one connection and waited for a second: no mail left, and after 30 s every one of them
 * (and the test's own query) failed with "Connection is not available, request timed out after
 * 30000ms (total=10, active=10, idle=0, waiting=9)".
 */
class SlowSmtpDoesNotExhaustConnectionPoolTest {

    private static final int JOB_THREADS = 10;
    private static final int INSTANCES = 2 * JOB_THREADS;
    /** The peer holds back its answer to DATA and its acceptance of the message this long each. */
    private static final Duration SMTP_DELAY = Duration.ofSeconds(1);
    private static final String PROCESS = "MailPoolProof";

    private final PoolWatch watch = new PoolWatch();
    private final List<Connection> busyWebRequests = new ArrayList<>();
    private SlowSmtpServer smtp;
    private HikariDataSource pool;
    private ThreadPoolTaskExecutor jobThreads;
    private SpringJobExecutor jobExecutor;
    private ProcessEngine engine;

    @AfterEach
    void tearDown() throws SQLException {
        if (engine != null) {
            engine.close(); // stops the job executor first
        }
        if (jobThreads != null) {
            jobThreads.shutdown();
        }
        for (Connection c : busyWebRequests) {
            c.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    @DisplayName("Ten job threads mailing through a slow SMTP server with a pool of job threads + 1 + reserve, "
            + "the reserve held by web requests: every job completes, every mail arrives once, no thread waits for a connection")
    void tenMailJobsWithSlowSmtpDoNotExhaustThePool() throws SQLException {
        smtp = new SlowSmtpServer(SMTP_DELAY);
        int reserve = ConnectionBudgetCheck.DEFAULT_WEB_RESERVE;
        pool = pool(ConnectionBudgetCheck.minimumPoolSize(JOB_THREADS, reserve));
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(pool);
        Mailer mailer = new Mailer(() -> smtpClient(smtp.port()), new MailTemplates(), pool, transactions,
                new MailSettings(), Clock.systemUTC());

        AtomicInteger sent = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        JavaDelegate sendMail = execution -> {
            String key = (String) execution.getVariable("mailKey");
            try {
                mailer.send(OutgoingMail.french(key, List.of("client@client.example"), "plain-notice",
                        Map.of("subject", key, "paragraphs", List.of("Preuve : un seul envoi."))));
                sent.incrementAndGet();
            } catch (RuntimeException e) {
                failures.add(e);
                throw e;
            }
        };
        engine = engine(pool, transactions, sendMail);
        engine.getRepositoryService().createDeployment().addModelInstance(PROCESS + ".bpmn", model()).deploy();

        // Web requests take the whole reserve for the whole run: the jobs have job threads + 1 connections.
        for (int i = 0; i < reserve; i++) {
            busyWebRequests.add(pool.getConnection());
        }
        // All instances in one transaction: their jobs appear at once.
        RuntimeService runtime = engine.getRuntimeService();
        new TransactionTemplate(transactions).executeWithoutResult(status -> IntStream.rangeClosed(1, INSTANCES)
                .forEach(i -> runtime.startProcessInstanceByKey(PROCESS, "proof-" + i, Map.of("mailKey", "proof:" + i))));
        watch.reset(); // count only the run
        jobExecutor.start();

        // Done when no instance waits for a job that may still run (a failed job raises an incident at once).
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> runtime.createProcessInstanceQuery().count() == runtime.createIncidentQuery().count());

        LoggerFactory.getLogger(getClass()).info("{} mail jobs, {} job threads, pool of {}: peak of {} SMTP conversations, "
                + "pool: {}", INSTANCES, JOB_THREADS, pool.getMaximumPoolSize(), smtp.peakConversations(), watch);
        assertThat(failures).isEmpty();
        assertThat(runtime.createIncidentQuery().count()).isZero();
        assertThat(engine.getManagementService().createJobQuery().count()).isZero();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().completed().count())
                .isEqualTo(INSTANCES);
        assertThat(sent).hasValue(INSTANCES);

        List<String> expected = IntStream.rangeClosed(1, INSTANCES).mapToObj(i -> "proof:" + i).toList();
        assertThat(smtp.subjects()).as("each mail exactly once at the slow peer").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(smtp.conversations()).isEqualTo(INSTANCES);
        assertThat(new JdbcTemplate(pool).queryForList("select idempotency_key from ops_sent_mail where status = 'SENT'",
                String.class)).containsExactlyInAnyOrderElementsOf(expected);
        // The scenario did happen: all ten job threads were in an SMTP conversation at the same time,
        // each holding its job's connection.
        assertThat(smtp.peakConversations()).isEqualTo(JOB_THREADS);
        // Nobody waited for a connection until the pool's timeout, nor even as long as one slow SMTP
        // reply: no connection was held through an SMTP conversation on top of a job's own.
        assertThat(watch.timeouts).hasValue(0);
        assertThat(watch.longestWait()).isLessThan(SMTP_DELAY);
    }

    /** A Hikari pool as in production (timeouts left at their defaults) over a fresh in-memory H2 database. */
    private HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mailpool-proof");
        config.setJdbcUrl("jdbc:h2:mem:mailpool-proof-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(size);
        config.setMetricsTrackerFactory(watch);
        HikariDataSource dataSource = new HikariDataSource(config);
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V20__notify.sql"),
                new ClassPathResource("db/migration/V32__notify_mail_claims.sql")).execute(dataSource);
        return dataSource;
    }

    /** The SMTP client as production configures it: JavaMail's timeouts of the Mailer's defaults. */
    private static JavaMailSenderImpl smtpClient(int port) {
        JavaMailSenderImpl client = new JavaMailSenderImpl();
        client.setHost("127.0.0.1");
        client.setPort(port);
        client.getJavaMailProperties().setProperty("mail.smtp.connectiontimeout", "10000");
        client.getJavaMailProperties().setProperty("mail.smtp.timeout", "30000");
        client.getJavaMailProperties().setProperty("mail.smtp.writetimeout", "30000");
        return client;
    }

    /** Like the Spring Boot starter's engine: Spring transactions, strong UUIDs, a Spring job executor. */
    private ProcessEngine engine(HikariDataSource dataSource, DataSourceTransactionManager transactions, JavaDelegate sendMail) {
        jobThreads = new ThreadPoolTaskExecutor();
        jobThreads.setCorePoolSize(JOB_THREADS);
        jobThreads.setMaxPoolSize(JOB_THREADS);
        jobThreads.setQueueCapacity(3);
        jobThreads.setThreadNamePrefix("proof-job-");
        jobThreads.initialize();
        jobExecutor = new SpringJobExecutor();
        jobExecutor.setTaskExecutor(jobThreads);
        jobExecutor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());

        SpringProcessEngineConfiguration configuration = new SpringProcessEngineConfiguration();
        configuration.setProcessEngineName("mailpool-proof-" + UUID.randomUUID());
        configuration.setDataSource(dataSource);
        configuration.setTransactionManager(transactions);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setJobExecutor(jobExecutor);
        configuration.setJobExecutorActivate(false); // started once the instances exist
        configuration.setDefaultNumberOfRetries(1); // any failure is an incident: none may hide behind a retry
        configuration.setMetricsEnabled(false);
        configuration.setDbMetricsReporterActivate(false);
        configuration.setBeans(Map.of("sendMail", sendMail));
        return configuration.buildProcessEngine();
    }

    /** Start, an async service task that sends the instance's mail, end. */
    private static BpmnModelInstance model() {
        return Bpmn.createExecutableProcess(PROCESS).name("Mail pool proof")
                .startEvent("Start").name("Mail requested")
                .serviceTask("Task_SendMail").name("Send mail").camundaAsyncBefore().camundaDelegateExpression("${sendMail}")
                .endEvent("End").name("Mail sent")
                .done();
    }

    /** Hikari's own statistics: how long threads waited for a connection, and how many gave up. */
    private static final class PoolWatch implements MetricsTrackerFactory {

        final AtomicLong longestWaitNanos = new AtomicLong();
        final AtomicInteger timeouts = new AtomicInteger();

        @Override
        public IMetricsTracker create(String poolName, PoolStats poolStats) {
            return new IMetricsTracker() {
                @Override
                public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
                    longestWaitNanos.accumulateAndGet(elapsedAcquiredNanos, Math::max);
                }

                @Override
                public void recordConnectionTimeout() {
                    timeouts.incrementAndGet();
                }
            };
        }

        void reset() {
            longestWaitNanos.set(0);
            timeouts.set(0);
        }

        Duration longestWait() {
            return Duration.ofNanos(longestWaitNanos.get());
        }

        @Override
        public String toString() {
            return "longest wait " + TimeUnit.NANOSECONDS.toMillis(longestWaitNanos.get()) + " ms, " + timeouts + " timeouts";
        }
    }
}
