package fr.progerance.ops.update.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A stand-in of {@code ApplyUpdate}, which MinorUpdate and MajorUpdate call, for the flow-only tests
 * (the brief allows it there only; ApplyUpdate has its own flow test, and helper D's is not merged
 * yet): deployed under the real key for the test class, so {@code calledElementBinding="latest"}
 * reaches it, and removed afterwards. It first sends one command to the server through the
 * application's remote executor ({@code ApplyUpdateStandIn}, as the real one's first remote step
 * would), then waits at {@value #UPDATE_RUNNING} until the test ends it ({@link #finishUpdate}).
 * {@code QuoteApproval} is the real one.
 */
final class CalledProcessMocks {

    static final String UPDATE_RUNNING = "Mock_UpdateRunning";
    static final String TOUCH_SERVER = "Mock_FirstCommandToServer";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final List<String> deployments = new ArrayList<>();

    CalledProcessMocks(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    CalledProcessMocks deploy() {
        BpmnModelInstance apply = Bpmn.createExecutableProcess(CalledProcesses.APPLY_UPDATE)
                .name("ApplyUpdate (test stand-in)").camundaHistoryTimeToLive(1).startEvent("Mock_ApplyUpdateCalled")
                .serviceTask(TOUCH_SERVER).camundaExpression("${applyUpdateStandIn.firstCommand(updateId)}")
                .receiveTask(UPDATE_RUNNING).endEvent("Mock_UpdateApplied").done();
        deployments.add(repository.createDeployment().name("update-flow-test-stand-in")
                .addModelInstance("ApplyUpdateStandIn.bpmn", apply).deploy().getId());
        return this;
    }

    void undeploy() {
        deployments.forEach(id -> repository.deleteDeployment(id, true, true));
        deployments.clear();
    }

    /** The instance {@code parent} called, waiting in a stand-in. */
    ProcessInstance called(String parentId, String key) {
        ProcessInstance child = runtime.createProcessInstanceQuery().superProcessInstanceId(parentId)
                .processDefinitionKey(key).singleResult();
        assertThat(child).as("%s called by %s", key, parentId).isNotNull();
        return child;
    }

    /** The stand-in ApplyUpdate ends (the record's outcome is the test's to write). */
    void finishUpdate(String parentId) {
        ProcessInstance child = called(parentId, CalledProcesses.APPLY_UPDATE);
        runtime.signal(waiting(child.getId(), UPDATE_RUNNING).getId());
    }

    private Execution waiting(String processInstanceId, String activityId) {
        Execution e = runtime.createExecutionQuery().processInstanceId(processInstanceId).activityId(activityId)
                .singleResult();
        assertThat(e).as("%s waiting at %s", processInstanceId, activityId).isNotNull();
        return e;
    }
}
