package fr.progerance.ops.update.process;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.quote.QuoteApprovalProcess;
import fr.progerance.ops.quote.QuoteView;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * Stand-ins of the processes MinorUpdate and MajorUpdate call, for the flow-only tests (the brief
 * allows it there only; the called processes have their own flow tests): deployed under the real keys
 * for the test class, so {@code calledElementBinding="latest"} reaches them, and removed afterwards.
 *
 * <ul>
 *   <li>{@code QuoteApproval}: waits at {@value #QUOTE_ANSWER} until the test decides the quote
 *       ({@link #answerQuote}), then returns its {@code quoteId} as the real one does.</li>
 *   <li>{@code ApplyUpdate}: first sends one command to the server through the application's remote
 *       executor ({@code ApplyUpdateStandIn}, as the real one's first remote step would), then waits
 *       at {@value #UPDATE_RUNNING} until the test ends it ({@link #finishUpdate}).</li>
 * </ul>
 */
final class CalledProcessMocks {

    static final String QUOTE_ANSWER = "Mock_ClientAnswersQuote";
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
        BpmnModelInstance quote = Bpmn.createExecutableProcess(QuoteApprovalProcess.KEY).name("QuoteApproval (test stand-in)")
                .camundaHistoryTimeToLive(1).startEvent("Mock_QuoteRequested").receiveTask(QUOTE_ANSWER)
                .endEvent("Mock_QuoteDecided").done();
        BpmnModelInstance apply = Bpmn.createExecutableProcess(CalledProcesses.APPLY_UPDATE)
                .name("ApplyUpdate (test stand-in)").camundaHistoryTimeToLive(1).startEvent("Mock_ApplyUpdateCalled")
                .serviceTask(TOUCH_SERVER).camundaExpression("${applyUpdateStandIn.firstCommand(updateId)}")
                .receiveTask(UPDATE_RUNNING).endEvent("Mock_UpdateApplied").done();
        deployments.add(repository.createDeployment().name("update-flow-test-stand-ins")
                .addModelInstance("QuoteApprovalStandIn.bpmn", quote)
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

    /** The stand-in QuoteApproval ends with {@code quote} (its record as the real one leaves it). */
    void answerQuote(String parentId, QuoteView quote) {
        ProcessInstance child = called(parentId, QuoteApprovalProcess.KEY);
        runtime.setVariable(child.getId(), QuoteApprovalProcess.Vars.QUOTE_ID, quote.id());
        runtime.signal(waiting(child.getId(), QUOTE_ANSWER).getId());
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
