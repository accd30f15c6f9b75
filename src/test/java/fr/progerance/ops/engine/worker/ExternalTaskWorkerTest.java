package fr.progerance.ops.engine.worker;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DESIGN rule 5: long work runs as external tasks handled by the application's own worker, which
 * completes them, reports failures with {@code retries - 1} until an incident is raised, reports
 * BPMN errors, keeps its lock while it works, and shares the work with other nodes through the
 * engine's lock.
 */
@OpsSpringBootTest
class ExternalTaskWorkerTest {

    private static final String PROCESS = "WorkerTestProcess";
    private static final String TOPIC = "worker-test";

    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private ExternalTaskService externalTasks;
    @Autowired
    private HistoryService history;
    @Autowired
    private MovableClock clock;

    private String deploymentId;

    @BeforeEach
    void deploy() {
        clock.reset();
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_Work").camundaExternalTask(TOPIC)
                .boundaryEvent("Event_Refused").error("WORK_REFUSED").endEvent("EndEvent_Refused")
                .moveToActivity("Task_Work")
                .endEvent("EndEvent_Done")
                .done();
        deploymentId = repository.createDeployment().name("worker-test").addModelInstance(PROCESS + ".bpmn", model)
                .deploy().getId();
    }

    @AfterEach
    void undeploy() {
        repository.deleteDeployment(deploymentId, true);
        clock.reset();
    }

    private String start() {
        return runtime.startProcessInstanceByKey(PROCESS, "key-1", Map.of("serverId", 7L)).getId();
    }

    private ExternalTaskWorker worker(ExternalTaskHandler handler) {
        return new ExternalTaskWorker(externalTasks, List.of(handler), new WorkerSettings(false, null, 1));
    }

    @Test
    void completesTheTaskWithTheHandlersVariables() {
        String instance = start();
        AtomicInteger seenServer = new AtomicInteger();
        int handled = worker(handler(work -> {
            seenServer.set((int) work.requiredId("serverId"));
            assertThat(work.businessKey()).isEqualTo("key-1");
            return Map.of("snapshotId", "abc");
        })).drain();

        assertThat(handled).isEqualTo(1);
        assertThat(seenServer.get()).isEqualTo(7);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("EndEvent_Done").count()).isEqualTo(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName("snapshotId").singleResult().getValue()).isEqualTo("abc");
    }

    @Test
    void aFailureIsReportedWithOneRetryLessThenBecomesAnIncidentAndTheHandlerIsToldOnce() {
        String instance = start();
        AtomicInteger exhausted = new AtomicInteger();
        ExternalTaskHandler failing = new TestHandler(work -> {
            throw new IllegalStateException("dump of shop_db failed: exit status 2");
        }) {
            @Override
            public void onRetriesExhausted(ExternalTaskWork work, Exception failure) {
                exhausted.incrementAndGet();
                assertThat(failure).hasMessageContaining("exit status 2");
            }
        };
        ExternalTaskWorker worker = worker(failing);

        assertThat(worker.drain()).isEqualTo(1);
        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(instance).singleResult();
        assertThat(task.getRetries()).as("3 attempts: 2 retries left").isEqualTo(2);
        assertThat(task.getErrorMessage()).isEqualTo("dump of shop_db failed: exit status 2");
        assertThat(worker.drain()).as("the retry waits for its timeout").isZero();

        clock.advance(Duration.ofMinutes(6));
        assertThat(worker.drain()).isEqualTo(1);
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(instance).singleResult().getRetries())
                .isEqualTo(1);
        assertThat(exhausted.get()).isZero();

        clock.advance(Duration.ofMinutes(6));
        assertThat(worker.drain()).isEqualTo(1);
        Incident incident = runtime.createIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(incident).as("an incident ops see in Cockpit").isNotNull();
        assertThat(incident.getIncidentMessage()).isEqualTo("dump of shop_db failed: exit status 2");
        assertThat(exhausted.get()).isEqualTo(1);
        assertThat(externalTasks.getExternalTaskErrorDetails(task.getId()))
                .contains("java.lang.IllegalStateException: dump of shop_db failed");

        clock.advance(Duration.ofHours(1));
        assertThat(worker.drain()).as("no retries left: nothing is fetched").isZero();
    }

    @Test
    void aNonRetryableFailureRaisesTheIncidentAtOnce() {
        String instance = start();
        worker(handler(work -> {
            throw new WrongPassword();
        })).drain();

        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(instance).singleResult();
        assertThat(task.getRetries()).isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).singleResult().getIncidentMessage())
                .isEqualTo("wrong password for repository client-3");
    }

    @Test
    void aBpmnErrorFollowsTheModelledPath() {
        String instance = start();
        worker(handler(work -> {
            throw new ExternalTaskBpmnError("WORK_REFUSED", "the client declined", Map.of("reason", "declined"));
        })).drain();

        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("EndEvent_Refused").count()).isEqualTo(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void theLockIsExtendedWhileTheHandlerWorks() {
        String instance = start();
        ExternalTaskHandler slow = new TestHandler(work -> {
            ExternalTask locked = externalTasks.createExternalTaskQuery().processInstanceId(instance).singleResult();
            java.util.Date first = locked.getLockExpirationTime();
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!externalTasks.createExternalTaskQuery().processInstanceId(instance).singleResult()
                    .getLockExpirationTime().after(first)) {
                if (System.nanoTime() > waitUntil) {
                    throw new AssertionError("the lock was never extended");
                }
                Thread.sleep(20);
            }
            return Map.of();
        }) {
            @Override
            public Duration lockDuration() {
                return Duration.ofMillis(400);
            }
        };
        worker(slow).drain();

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count())
                .as("completed: the handler saw its lock extended").isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void aThreadThatFreesUpTakesTheNextTaskWithoutWaitingForThePoll() throws Exception {
        List<String> instances = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            instances.add(start());
        }
        // One thread, and a poll interval no test waits for: only the first poll (at start) and the
        // thread's own "look again when free" can take the five tasks.
        ExternalTaskWorker worker = new ExternalTaskWorker(externalTasks, List.of(handler(work -> Map.of())),
                new WorkerSettings(true, java.time.Duration.ofHours(1), 1));
        worker.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (finished(instances) < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            worker.stop();
        }
        assertThat(finished(instances)).as("all five worked by the one thread").isEqualTo(5);
    }

    private long finished(List<String> instances) {
        return instances.stream().filter(id -> history.createHistoricProcessInstanceQuery().processInstanceId(id)
                .finished().count() == 1).count();
    }

    @Test
    void anOutcomeThatConflictsWithAConcurrentChangeIsSentAgainAtOnce() {
        String instance = start();
        ExternalTaskWorker worker = worker(handler(work -> Map.of()));
        LockedExternalTask task = externalTasks.fetchAndLock(1, worker.id()).topic(TOPIC, 60_000).execute().get(0);
        AtomicInteger tries = new AtomicInteger();

        boolean reported = worker.report(task, () -> {
            if (tries.incrementAndGet() <= 2) {
                throw new OptimisticLockingException("concurrent change of the same instance (simulated)");
            }
            externalTasks.complete(task.getId(), worker.id());
        });

        assertThat(reported).isTrue();
        assertThat(tries.get()).isEqualTo(3);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count())
                .as("completed without waiting for the lock to expire").isZero();
    }

    @Test
    void anOutcomeThatKeepsConflictingUnlocksTheTaskSoItIsFetchedAgainAtOnce() {
        String instance = start();
        ExternalTaskWorker worker = worker(handler(work -> Map.of()));
        LockedExternalTask task = externalTasks.fetchAndLock(1, worker.id()).topic(TOPIC, 600_000).execute().get(0);
        AtomicInteger tries = new AtomicInteger();

        boolean reported = worker.report(task, () -> {
            tries.incrementAndGet();
            throw new OptimisticLockingException("concurrent change of the same instance (simulated)");
        });

        assertThat(reported).isFalse();
        assertThat(tries.get()).isEqualTo(ExternalTaskWorker.REPORT_ATTEMPTS);
        AtomicInteger again = new AtomicInteger();
        assertThat(worker(handler(work -> {
            again.incrementAndGet();
            return Map.of();
        })).drain()).as("fetched again at once, not after its 10-minute lock").isEqualTo(1);
        assertThat(again.get()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void anotherNodeDoesNotTakeATaskWhileItIsLockedAndTakesItOnceTheLockExpires() throws Exception {
        String instance = start();
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExternalTaskWorker nodeA = worker(handler(work -> {
            working.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            return Map.of();
        }));
        AtomicInteger nodeBRuns = new AtomicInteger();
        ExternalTaskWorker nodeB = worker(handler(work -> {
            nodeBRuns.incrementAndGet();
            return Map.of();
        }));
        assertThat(nodeA.id()).isNotEqualTo(nodeB.id());

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(nodeA::drain);
        assertThat(working.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(nodeB.drain()).as("locked by node A").isZero();
        release.countDown();
        assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(nodeBRuns.get()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void errorMessagesAreBoundedAndNameTheFailure() {
        assertThat(ExternalTaskWorker.bounded("x".repeat(5000), ExternalTaskWorker.MAX_ERROR_MESSAGE))
                .hasSize(ExternalTaskWorker.MAX_ERROR_MESSAGE).endsWith("…");
        assertThat(ExternalTaskWorker.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(ExternalTaskWorker.causes(new RuntimeException("outer", new java.io.IOException("inner"))))
                .isEqualTo("java.lang.RuntimeException: outer\ncaused by java.io.IOException: inner");
    }

    private static final class WrongPassword extends RuntimeException implements NonRetryableWork {
        WrongPassword() {
            super("wrong password for repository client-3");
        }
    }

    @FunctionalInterface
    interface Work {
        Map<String, Object> run(ExternalTaskWork work) throws Exception;
    }

    private static ExternalTaskHandler handler(Work work) {
        return new TestHandler(work);
    }

    private static class TestHandler implements ExternalTaskHandler {
        private final Work work;

        TestHandler(Work work) {
            this.work = work;
        }

        @Override
        public String topic() {
            return TOPIC;
        }

        @Override
        public List<String> variables() {
            return List.of("serverId");
        }

        @Override
        public Map<String, Object> handle(ExternalTaskWork task) throws Exception {
            return work.run(task);
        }
    }
}
