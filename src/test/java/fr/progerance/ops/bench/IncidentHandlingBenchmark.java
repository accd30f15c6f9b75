package fr.progerance.ops.bench;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentIntake;
import fr.progerance.ops.incident.NewReport;
import fr.progerance.ops.remote.ScriptedRemote;
import fr.progerance.ops.security.OpsGroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code ./bench}: figures, never assertions on time. {@code IncidentHandling} straight through
 * (report, diagnosis, take charge, restart, check, confirm, report mail) on the real delegates with
 * fakes at the ports (scripted SSH, GreenMail, a loopback shop, H2 in memory), in instances per
 * second, as a ratio to a bare BPMN process with the same transactions (one start, the same async
 * continuations, the same three task completions, a timer waiting beside them) and no-op delegates,
 * measured in the same run. Both are driven the same way: one thread, jobs executed as they
 * become due, tasks completed as an authenticated ops user.
 */
@OpsSpringBootTest
class IncidentHandlingBenchmark {

    private static final int WARM_UP = 20;
    private static final int MEASURED = Integer.getInteger("bench.instances", 150);
    private static final String BARE = "BenchBareIncident";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    RepositoryService repository;
    @Autowired
    IdentityService identity;
    @Autowired
    IncidentIntake intake;
    @Autowired
    TestPeers.SwitchableRemote remote;
    @Autowired
    MovableClock clock;

    @Test
    void incidentHandlingAgainstABareProcessOfTheSameTransactions() throws Exception {
        fr.progerance.ops.TestShop shop = new fr.progerance.ops.TestShop().start();
        remote.use(new ScriptedRemote());
        clock.set(Instant.parse("2026-03-10T09:00:00Z"));
        String deployment = repository.createDeployment().addModelInstance(BARE + ".bpmn", bare()).deploy().getId();
        try {
            long serverId = server(shop);
            for (int i = 0; i < WARM_UP; i++) {
                incident(serverId);
                bareInstance();
            }
            double incident = perSecond(() -> incident(serverId));
            double bare = perSecond(this::bareInstance);
            report(incident, bare);
        } finally {
            repository.deleteDeployment(deployment, true);
            remote.useReal();
            clock.reset();
            shop.close();
        }
    }

    private double perSecond(Runnable instance) {
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            instance.run();
        }
        return MEASURED / ((System.nanoTime() - start) / 1e9);
    }

    private void report(double incident, double bare) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("IncidentHandling straight through (real delegates, fakes at the ports, H2): "
                + String.format(Locale.ROOT, "%.1f", incident) + " instances/s (" + MEASURED + " instances)");
        lines.add("Bare process, same 9 transactions, no-op delegates:                  "
                + String.format(Locale.ROOT, "%.1f", bare) + " instances/s (" + MEASURED + " instances)");
        lines.add("Ratio IncidentHandling / bare:                                         "
                + String.format(Locale.ROOT, "%.3f", incident / bare));
        Path out = Path.of("target/bench/incident-handling.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    /** One incident straight through: 1 start, 6 jobs, 3 task completions (9 transactions + the asyncAfter job). */
    private void incident(long serverId) {
        clock.advance(Duration.ofMinutes(1));
        String number = asOps(() -> intake.report(new NewReport(serverId, IncidentCategory.TROUBLESHOOTING, 1,
                "bench", "bench", clock.instant())).incident().getNumber());
        String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey(IncidentHandlingProcess.KEY).singleResult().getId();
        job(pid, Elements.DIAGNOSE);
        complete(pid, Elements.TAKE_CHARGE, Map.of(Vars.CAUSE_CATEGORY, "SYSTEM"));
        complete(pid, Elements.CHOOSE_REMEDIATION, Map.of(Vars.REMEDIATION_ACTION, "RESTART_SERVICE",
                Vars.SERVICE_NAME, "nginx"));
        job(pid, Elements.RUN_REMEDIATION);
        job(pid, Elements.RUN_REMEDIATION);
        job(pid, Elements.CHECK_SERVICE);
        complete(pid, Elements.CONFIRM_RESTORATION, Map.of(Vars.RESTORED, true));
        job(pid, Elements.SEND_REPORT);
    }

    private void bareInstance() {
        String pid = asOps(() -> runtime.startProcessInstanceByKey(BARE).getId());
        job(pid, "Diagnose");
        complete(pid, "TakeCharge", Map.of());
        complete(pid, "Choose", Map.of());
        job(pid, "Run");
        job(pid, "Run");
        job(pid, "Check");
        complete(pid, "Confirm", Map.of());
        job(pid, "Report");
    }

    /** The same shape and save points as the straight path of IncidentHandling, with no-op delegates. */
    private static BpmnModelInstance bare() {
        String noOp = NoOpDelegate.class.getName();
        BpmnModelInstance model = Bpmn.createExecutableProcess(BARE).camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("Register").camundaClass(noOp).serviceTask("Clocks").camundaClass(noOp)
                .parallelGateway("Split")
                .serviceTask("Diagnose").camundaClass(noOp).camundaAsyncBefore().endEvent()
                .moveToNode("Split").intermediateCatchEvent("Watch").timerWithDuration("PT40M").endEvent()
                .moveToNode("Split").userTask("TakeCharge").serviceTask("Record").camundaClass(noOp)
                .userTask("Choose").serviceTask("Run").camundaClass(noOp).camundaAsyncBefore().camundaAsyncAfter()
                .serviceTask("Check").camundaClass(noOp).camundaAsyncBefore().userTask("Confirm")
                .serviceTask("Close").camundaClass(noOp).serviceTask("Report").camundaClass(noOp)
                .camundaAsyncBefore().endEvent("End")
                .done();
        // The closing end event terminates the instance (and its waiting timer), as IncidentHandling's does.
        org.camunda.bpm.model.bpmn.instance.EndEvent end = model.getModelElementById("End");
        end.getEventDefinitions().add(model.newInstance(org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition.class));
        return model;
    }

    private long server(fr.progerance.ops.TestShop shop) {
        return fr.progerance.ops.incident.flow.IncidentFlowFixture.create(new RegisterApi(port),
                new fr.progerance.ops.incident.flow.IncidentFlowFixture.Spec().shopUrl(shop.url())).serverId();
    }

    private void job(String pid, String activityId) {
        management.executeJob(management.createJobQuery().processInstanceId(pid).activityId(activityId).singleResult()
                .getId());
    }

    private void complete(String pid, String taskKey, Map<String, Object> variables) {
        String id = tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey(taskKey).singleResult().getId();
        asOps(() -> {
            tasks.complete(id, variables);
            return null;
        });
    }

    private <T> T asOps(java.util.function.Supplier<T> work) {
        identity.setAuthentication("benchops", List.of(OpsGroups.OPS));
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
