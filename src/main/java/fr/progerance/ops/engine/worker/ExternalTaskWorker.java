package fr.progerance.ops.engine.worker;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * DESIGN rule 5: the application's own external task worker. It fetches and locks the tasks of
 * every {@link ExternalTaskHandler} topic through the Java API, runs each on its own thread (never
 * on a job-executor thread), extends the lock at half of its duration while the handler works, and
 * completes the task or reports its failure with {@code retries - 1} (the engine does not count
 * external task retries down by itself). Any node running this application works on the same
 * tasks: the engine's lock decides who does which.
 *
 * <p>Tests turn polling off ({@code ops.worker.enabled=false}) and call {@link #drain()}, which
 * works on every available task in the calling thread.
 */
@Component
public class ExternalTaskWorker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalTaskWorker.class);
    /** Camunda stores at most 4000 characters of an error message; ops read the start of it in Cockpit. */
    static final int MAX_ERROR_MESSAGE = 1000;
    private static final int MAX_ERROR_DETAILS = 4000;
    /** How many times an outcome that conflicts with a concurrent change is sent before the task is unlocked. */
    static final int REPORT_ATTEMPTS = 5;

    private final ExternalTaskService externalTasks;
    private final List<ExternalTaskHandler> handlers;
    private final Map<String, ExternalTaskHandler> byTopic = new HashMap<>();
    private final WorkerSettings settings;
    private final String workerId;
    private final Semaphore freeThreads;
    private volatile ScheduledExecutorService scheduler;
    private volatile ExecutorService workers;
    private volatile boolean running;

    public ExternalTaskWorker(ExternalTaskService externalTasks, List<ExternalTaskHandler> handlers,
            WorkerSettings settings) {
        this.externalTasks = externalTasks;
        this.handlers = List.copyOf(handlers);
        this.settings = settings;
        for (ExternalTaskHandler handler : handlers) {
            ExternalTaskHandler previous = byTopic.put(handler.topic(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two external task handlers for topic '" + handler.topic() + "': "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
            if (handler.attempts() < 1) {
                throw new IllegalStateException("External task handler " + handler.getClass().getName()
                        + " must allow at least one attempt");
            }
        }
        this.workerId = workerId();
        this.freeThreads = new Semaphore(settings.threads());
    }

    /** This node's worker id: host, process id and a random part, so two JVMs on one host differ. */
    public String id() {
        return workerId;
    }

    /** The topics this worker serves. */
    public List<String> topics() {
        return List.copyOf(byTopic.keySet());
    }

    /**
     * Works on every external task available now, one after the other in the calling thread, until
     * none is left (including tasks created by the completions). For tests and for operators who
     * want to run pending work by hand.
     *
     * @return how many tasks were handled (completed or failed)
     */
    public int drain() {
        int handled = 0;
        ScheduledExecutorService lockExtender = Executors.newSingleThreadScheduledExecutor(named("ops-worker-drain"));
        try {
            while (true) {
                List<LockedExternalTask> tasks = fetch(10);
                if (tasks.isEmpty()) {
                    return handled;
                }
                for (LockedExternalTask task : tasks) {
                    work(task, lockExtender);
                    handled++;
                }
            }
        } finally {
            lockExtender.shutdownNow();
        }
    }

    private List<LockedExternalTask> fetch(int maxTasks) {
        if (byTopic.isEmpty()) {
            return List.of();
        }
        ExternalTaskQueryBuilder query = externalTasks.fetchAndLock(maxTasks, workerId);
        for (ExternalTaskHandler handler : handlers) {
            query = query.topic(handler.topic(), handler.lockDuration().toMillis())
                    .variables(handler.variables().toArray(String[]::new));
        }
        return query.execute();
    }

    private void poll() {
        if (!running) {
            return;
        }
        try {
            int free = freeThreads.availablePermits();
            if (free == 0) {
                return;
            }
            for (LockedExternalTask task : fetch(free)) {
                freeThreads.acquireUninterruptibly();
                workers.execute(() -> {
                    try {
                        work(task, scheduler);
                    } finally {
                        freeThreads.release();
                        pollAgain();
                    }
                });
            }
        } catch (RuntimeException e) {
            // The database may be briefly unavailable; the next poll tries again.
            LOG.warn("Fetching external tasks failed: {}", e.toString());
        }
    }

    /**
     * A thread is free again: look for more work at once rather than at the next poll, so a queue of
     * tasks is worked as fast as the threads go (the poll interval only paces an idle worker).
     */
    private void pollAgain() {
        ScheduledExecutorService poller = scheduler;
        if (running && poller != null) {
            try {
                poller.execute(this::poll);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the worker is stopping
            }
        }
    }

    /** Runs one locked task to its completion or failure report. Never throws. */
    void work(LockedExternalTask task, ScheduledExecutorService lockExtender) {
        ExternalTaskHandler handler = byTopic.get(task.getTopicName());
        ExternalTaskWork work = new ExternalTaskWork(task.getId(), task.getTopicName(), task.getProcessInstanceId(),
                task.getBusinessKey(), task.getActivityId(), task.getVariables(), task.getRetries());
        ScheduledFuture<?> extension = lockExtender == null ? null : extendWhileWorking(task, handler, lockExtender);
        Map<String, Object> result;
        try {
            result = handler.handle(work);
        } catch (ExternalTaskBpmnError error) {
            cancel(extension);
            report(task, () -> externalTasks.handleBpmnError(task.getId(), workerId, error.errorCode(),
                    bounded(error.getMessage(), MAX_ERROR_MESSAGE), new HashMap<>(error.variables())));
            return;
        } catch (Exception failure) {
            cancel(extension);
            fail(task, handler, work, failure);
            return;
        }
        cancel(extension);
        report(task, () -> externalTasks.complete(task.getId(), workerId, result == null ? Map.of() : result));
    }

    private ScheduledFuture<?> extendWhileWorking(LockedExternalTask task, ExternalTaskHandler handler,
            ScheduledExecutorService lockExtender) {
        long lockMillis = handler.lockDuration().toMillis();
        long every = Math.max(1, lockMillis / 2);
        return lockExtender.scheduleAtFixedRate(() -> {
            try {
                externalTasks.extendLock(task.getId(), workerId, lockMillis);
            } catch (RuntimeException e) {
                LOG.warn("Could not extend the lock of external task {} ({}): {}", task.getId(), task.getTopicName(),
                        e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private void fail(LockedExternalTask task, ExternalTaskHandler handler, ExternalTaskWork work, Exception failure) {
        boolean retryable = handler.retryable(failure);
        int before = task.getRetries() == null ? handler.attempts() : task.getRetries();
        int retries = retryable ? Math.max(0, before - 1) : 0;
        String message = bounded(describe(failure), MAX_ERROR_MESSAGE);
        LOG.warn("External task {} ({}, process instance {}) failed, {} retr{} left: {}", task.getId(),
                task.getTopicName(), task.getProcessInstanceId(), retries, retries == 1 ? "y" : "ies", message);
        boolean reported = report(task, () -> externalTasks.handleFailure(task.getId(), workerId, message,
                bounded(causes(failure), MAX_ERROR_DETAILS), retries, handler.retryTimeout().toMillis()));
        if (reported && retries == 0) {
            try {
                handler.onRetriesExhausted(work, failure);
            } catch (RuntimeException e) {
                LOG.error("After the incident of external task {} ({}), the handler's follow-up failed: {}",
                        task.getId(), task.getTopicName(), e.toString());
            }
        }
    }

    /**
     * Sends the outcome. A conflict with a concurrent change of the same process instance (two
     * called instances ending together, a message arriving) is sent again at once, a few times: left
     * alone, the task would stay locked until its lock expires and its work would be done again. A
     * conflict that persists unlocks the task, so it is fetched again at once (handlers are
     * idempotent). A lost lock or a cancelled instance is logged: the task is then someone else's.
     */
    boolean report(LockedExternalTask task, Runnable outcome) {
        for (int attempt = 1;; attempt++) {
            try {
                outcome.run();
                return true;
            } catch (OptimisticLockingException conflict) {
                if (attempt < REPORT_ATTEMPTS) {
                    LOG.debug("External task {} ({}): concurrent change, reporting again (attempt {})", task.getId(),
                            task.getTopicName(), attempt + 1);
                    pause(attempt);
                    continue;
                }
                LOG.warn("External task {} ({}): its outcome still conflicts after {} attempts; unlocked, so it is"
                        + " fetched again at once: {}", task.getId(), task.getTopicName(), attempt,
                        conflict.getMessage());
                unlock(task);
                return false;
            } catch (ProcessEngineException e) {
                LOG.warn("Could not report the outcome of external task {} ({}): {}", task.getId(),
                        task.getTopicName(), e.getMessage());
                return false;
            }
        }
    }

    private void unlock(LockedExternalTask task) {
        try {
            externalTasks.unlock(task.getId());
        } catch (ProcessEngineException e) {
            LOG.warn("Could not unlock external task {} ({}): {}", task.getId(), task.getTopicName(), e.getMessage());
        }
    }

    private static void pause(int attempt) {
        try {
            TimeUnit.MILLISECONDS.sleep(10L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The failure's message as ops read it in Cockpit: the exception's own text, or its type. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** The chain of causes, one line each (no stack frames: they tell ops nothing and may be long). */
    static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.isEmpty() ? "" : "\ncaused by ").append(t.getClass().getName()).append(": ")
                    .append(describe(t));
        }
        return text.toString();
    }

    static String bounded(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }

    private static void cancel(ScheduledFuture<?> extension) {
        if (extension != null) {
            extension.cancel(false);
        }
    }

    private static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String pid = String.valueOf(ManagementFactory.getRuntimeMXBean().getPid());
        return host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        if (!settings.enabled() || byTopic.isEmpty()) {
            LOG.info("External task worker {} not polling ({})", workerId,
                    settings.enabled() ? "no handler" : "ops.worker.enabled=false");
            return;
        }
        scheduler = Executors.newScheduledThreadPool(1, named("ops-worker-poll"));
        workers = Executors.newFixedThreadPool(settings.threads(), named("ops-worker"));
        running = true;
        long every = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.MILLISECONDS);
        LOG.info("External task worker {} polls topics {} every {} with {} thread(s)", workerId, topics(),
                settings.pollInterval(), settings.threads());
    }

    @Override
    public void stop() {
        running = false;
        List<ExecutorService> executors = new ArrayList<>();
        if (workers != null) {
            executors.add(workers);
        }
        if (scheduler != null) {
            executors.add(scheduler);
        }
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
        }
        // Interrupted work is not reported: its lock expires and the task is fetched again (jobs run at
        // least once; handlers are idempotent).
        workers = null;
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the process engine (default phase) and stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** For tests: the lock duration a handler asks for. */
    Duration lockDurationOf(String topic) {
        return byTopic.get(topic).lockDuration();
    }
}
