package fr.progerance.ops.monitoring.availability;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.monitoring.availability.AvailabilityPenaltiesProcess.Elements;
import fr.progerance.ops.monitoring.availability.AvailabilityPenaltiesProcess.Messages;
import fr.progerance.ops.monitoring.availability.AvailabilityPenaltiesProcess.Vars;
import fr.progerance.ops.security.OpsGroups;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code AvailabilityPenalties} as a hostile user tries it through {@code /engine-rest} (DESIGN rule
 * 11, R4.4-c): ops cannot approve the managers' review, start the process, rewrite its variables or
 * steer it with a message; a manager cannot slip other variables into the approval; a refused call
 * changes nothing, and the review waits until a manager approves it properly.
 */
@OpsSpringBootTest
class AvailabilityPenaltiesHostileTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String OPS = "hostilepenaltyops";
    private static final String MANAGER = "hostilepenaltymanager";
    private static final String PASSWORD = "hostile-penalty-password";

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    AvailabilityPenaltiesKeeper keeper;
    @Autowired
    AvailabilityPenalties penalties;

    private ProcessInstance instance;
    private TestApi ops;
    private TestApi manager;

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    @BeforeEach
    void setUp() {
        user(OPS, OpsGroups.OPS);
        user(MANAGER, OpsGroups.MANAGERS);
        ops = TestApi.as(port, OPS, PASSWORD);
        manager = TestApi.as(port, MANAGER, PASSWORD);
    }

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser(id);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        for (ProcessInstance running : runtime.createProcessInstanceQuery()
                .processDefinitionKey(AvailabilityPenaltiesProcess.KEY).list()) {
            runtime.deleteProcessInstance(running.getId(), "test over", true, true);
        }
        keeper.ensureRunning();
    }

    /** The review of January 2026 waiting for managers (the instance planned from 20 January). */
    private Task reviewOfJanuary() {
        clock.set(paris("2026-01-20T12:00"));
        for (ProcessInstance running : runtime.createProcessInstanceQuery()
                .processDefinitionKey(AvailabilityPenaltiesProcess.KEY).list()) {
            runtime.deleteProcessInstance(running.getId(), "replanned by the test", true, true);
        }
        instance = keeper.ensureRunning();
        clock.set(paris("2026-02-01T06:00"));
        execute(Elements.REVIEW_DAY_REACHED);
        execute(Elements.PREPARE_REVIEW);
        Task review = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(review).as("the managers' review").isNotNull();
        assertThat(review.getTaskDefinitionKey()).isEqualTo(Elements.REVIEW);
        return review;
    }

    private void execute(String activityId) {
        Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
        assertThat(job).as("the job of %s", activityId).isNotNull();
        management.executeJob(job.getId());
    }

    private static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    private boolean reviewOpen(Task review) {
        return tasks.createTaskQuery().taskId(review.getId()).count() == 1;
    }

    @Test
    @DisplayName("R4.4-c, DESIGN rule 11: ops cannot approve the managers' review, start the process, rewrite its month or send it a message")
    void opsCannotSteerThePenalties() {
        Task review = reviewOfJanuary();
        String month = (String) runtime.getVariable(instance.getId(), Vars.MONTH);

        TestApi.Answer approve = ops.post("/engine-rest/task/" + review.getId() + "/complete",
                Map.of("variables", Map.of(Vars.APPROVED, typed(true, "Boolean"))));
        assertThat(approve.status()).as(approve.toString()).isIn(403, 404);
        TestApi.Answer start = ops.post("/engine-rest/process-definition/key/" + AvailabilityPenaltiesProcess.KEY
                + "/start", Map.of());
        assertThat(start.status()).as(start.toString()).isIn(403, 404);
        TestApi.Answer rewrite = ops.put("/engine-rest/process-instance/" + instance.getId() + "/variables/"
                + Vars.MONTH, typed("2025-01", "String"));
        assertThat(rewrite.status()).as(rewrite.toString()).isEqualTo(403);
        TestApi.Answer stop = ops.post("/engine-rest/message", Map.of("messageName", Messages.STOP,
                "processInstanceId", instance.getId()));
        assertThat(stop.status()).as(stop.toString()).isEqualTo(403);
        TestApi.Answer managerStop = manager.post("/engine-rest/message", Map.of("messageName", Messages.STOP,
                "processInstanceId", instance.getId()));
        assertThat(managerStop.status()).as("managers neither: " + managerStop).isEqualTo(403);

        assertThat(reviewOpen(review)).as("the review still waits").isTrue();
        assertThat(runtime.getVariable(instance.getId(), Vars.MONTH)).isEqualTo(month);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(AvailabilityPenaltiesProcess.KEY).count())
                .as("no second instance").isEqualTo(1);
        assertThat(penalties.review(AvailabilityMonth.parse("2026-01", PARIS))).as("nothing approved").isEmpty();
    }

    @Test
    @DisplayName("R4.4-c, DESIGN rule 11: a manager's approval carrying variables the review does not own, or not approving, is refused and loses nothing; a plain approval is recorded in the manager's name")
    void managersApproveOnlyWhatTheFormOwns() {
        Task review = reviewOfJanuary();

        TestApi.Answer smuggled = manager.post("/engine-rest/task/" + review.getId() + "/complete",
                Map.of("variables", Map.of(Vars.APPROVED, typed(true, "Boolean"), Vars.MONTH, typed("2025-01", "String"))));
        assertThat(smuggled.status()).as(smuggled.toString()).isBetween(400, 499);
        TestApi.Answer notApproved = manager.post("/engine-rest/task/" + review.getId() + "/complete",
                Map.of("variables", Map.of(Vars.APPROVED, typed(false, "Boolean"))));
        assertThat(notApproved.status()).as(notApproved.toString()).isEqualTo(400);
        assertThat(notApproved.body()).contains(Vars.APPROVED);
        assertThat(reviewOpen(review)).as("refused completions leave the review open").isTrue();
        assertThat(penalties.review(AvailabilityMonth.parse("2026-01", PARIS))).isEmpty();

        TestApi.Answer approved = manager.post("/engine-rest/task/" + review.getId() + "/complete",
                Map.of("variables", Map.of(Vars.APPROVED, typed(true, "Boolean"))));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(204);
        assertThat(penalties.review(AvailabilityMonth.parse("2026-01", PARIS)).orElseThrow())
                .extracting(AvailabilityPenalties.Review::outcome, AvailabilityPenalties.Review::reviewedBy)
                .containsExactly(AvailabilityPenalties.ReviewOutcome.APPROVED, MANAGER);
        assertThat(runtime.getVariable(instance.getId(), Vars.MONTH)).as("the month was not rewritten")
                .isEqualTo("2026-01");
    }
}
