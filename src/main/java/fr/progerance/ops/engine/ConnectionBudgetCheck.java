package fr.progerance.ops.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start, before anything touches the database, with a connection pool too small for the
 * job executor.
 *
 * <p>The budget. Each job thread holds one pooled connection for its job's transaction and may
 * need a second one for a moment while holding it: the short independent transactions of a mail's
 * claim and mark ({@code notify.Mailer}) and of a client decision's creation
 * ({@code notify.ClientDecisions.request}). With {@code T} job threads and a pool of {@code T}
 * connections, {@code T} jobs at once each hold one and wait for a second until Hikari's timeout,
 * and all fail. One connection more guarantees that one of them always gets its second connection
 * and finishes; the job acquisition thread holds one only between two job batches. Web requests
 * (the APIs, Tasklist and Cockpit, the client decision pages, Prometheus scrapes) need their own,
 * and the rare one that needs a second connection too (a REST call that executes a job, an answer
 * whose process runs on to a mail without a save point) must not be the one that takes the last.
 * Hence:
 *
 * <pre>
 * spring.datasource.hikari.maximum-pool-size
 *     &gt;= camunda.bpm.job-execution.max-pool-size + 1 + ops.database.web-reserve
 * </pre>
 *
 * Missing settings count with their library's default (Hikari 10, Camunda 3 core and 10 maximum
 * threads); a node whose job execution is disabled ({@code camunda.bpm.job-execution.enabled=false})
 * runs no job thread.
 */
public class ConnectionBudgetCheck implements EnvironmentPostProcessor {

    public static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";
    public static final String JOB_MAX_THREADS = "camunda.bpm.job-execution.max-pool-size";
    public static final String JOB_CORE_THREADS = "camunda.bpm.job-execution.core-pool-size";
    public static final String JOB_EXECUTION_ENABLED = "camunda.bpm.job-execution.enabled";
    public static final String WEB_RESERVE = "ops.database.web-reserve";

    /** Hikari's own default of {@code maximumPoolSize}. */
    static final int HIKARI_DEFAULT_POOL_SIZE = 10;
    /** The Camunda Spring Boot starter's defaults of the job executor's threads. */
    static final int CAMUNDA_DEFAULT_CORE_THREADS = 3;
    static final int CAMUNDA_DEFAULT_MAX_THREADS = 10;
    /** Connections kept for web requests when {@value #WEB_RESERVE} is not set. */
    public static final int DEFAULT_WEB_RESERVE = 5;

    /** The smallest pool for {@code jobThreads} job threads and {@code webReserve} connections kept for web requests. */
    public static int minimumPoolSize(int jobThreads, int webReserve) {
        return jobThreads + 1 + webReserve;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        int pool = binder.bind(POOL_SIZE, Integer.class).orElse(HIKARI_DEFAULT_POOL_SIZE);
        boolean jobs = binder.bind(JOB_EXECUTION_ENABLED, Boolean.class).orElse(true);
        // The pool of threads never exceeds its maximum; a core size above it is a misconfiguration
        // Spring refuses later anyway, counted here at its worst.
        int threads = jobs ? Math.max(binder.bind(JOB_MAX_THREADS, Integer.class).orElse(CAMUNDA_DEFAULT_MAX_THREADS),
                binder.bind(JOB_CORE_THREADS, Integer.class).orElse(CAMUNDA_DEFAULT_CORE_THREADS)) : 0;
        int reserve = binder.bind(WEB_RESERVE, Integer.class).orElse(DEFAULT_WEB_RESERVE);
        if (reserve < 0) {
            throw new ConnectionBudgetException(WEB_RESERVE + " (connections kept for web requests) must be 0 or more, not "
                    + reserve + ".");
        }
        int needed = minimumPoolSize(threads, reserve);
        if (pool < needed) {
            throw new ConnectionBudgetException("The database connection pool is too small for the job executor: "
                    + POOL_SIZE + " is " + pool + ", it must be at least " + needed + " = " + threads
                    + " job threads (" + JOB_MAX_THREADS + "), each holding its job's connection, + 1 so that a job "
                    + "thread can always take a second connection for a moment (a mail's claim, a client decision), + "
                    + reserve + " for web requests (" + WEB_RESERVE + "). With fewer, concurrent jobs wait for each "
                    + "other's connections until the pool's timeout and fail. Raise " + POOL_SIZE
                    + " (SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE) or lower " + JOB_MAX_THREADS
                    + " (CAMUNDA_BPM_JOBEXECUTION_MAXPOOLSIZE).");
        }
    }

    /** Raised when the pool cannot serve the job threads and web requests together. */
    public static class ConnectionBudgetException extends IllegalStateException {
        public ConnectionBudgetException(String message) {
            super(message);
        }
    }
}
