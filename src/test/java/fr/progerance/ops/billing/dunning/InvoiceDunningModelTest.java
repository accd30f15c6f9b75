package fr.progerance.ops.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.engine.FormInputs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The InvoiceDunning model and forms, without an engine (DESIGN rules 1, 2, 4, 11, 12). */
class InvoiceDunningModelTest {

    private static final Path DIR = Path.of("processes/billing");

    private static BpmnModelInstance model() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(InvoiceDunningProcess.RESOURCE))) {
            return Bpmn.readModelFromStream(in);
        }
    }

    private static Set<String> constants(Class<?> type) {
        Set<String> values = new HashSet<>();
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    f.setAccessible(true);
                    values.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    @Test
    @DisplayName("DESIGN rules 1, 2: the key, every element id and message is a constant of InvoiceDunningProcess; every element is named and drawn")
    void idsNamesAndLayout() throws IOException {
        BpmnModelInstance m = model();
        assertThat((Object) m.getModelElementById(InvoiceDunningProcess.KEY)).isNotNull();
        Set<String> ids = constants(InvoiceDunningProcess.Elements.class);
        Set<String> drawn = new HashSet<>();
        m.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
        m.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
        Set<String> nodes = new HashSet<>();
        for (FlowNode node : m.getModelElementsByType(FlowNode.class)) {
            nodes.add(node.getId());
            assertThat(ids).as("constant for %s", node.getId()).contains(node.getId());
            assertThat(drawn).as("shape of %s", node.getId()).contains(node.getId());
            if (!node.getElementType().getTypeName().equals("exclusiveGateway")) {
                assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
            }
        }
        assertThat(nodes).as("every constant is an element of the model").containsAll(ids);
        for (SequenceFlow flow : m.getModelElementsByType(SequenceFlow.class)) {
            assertThat(drawn).as("edge of %s", flow.getId()).contains(flow.getId());
        }
        assertThat(m.getModelElementsByType(Message.class).stream().map(Message::getName).toList())
                .containsExactlyInAnyOrderElementsOf(constants(InvoiceDunningProcess.Messages.class));
    }

    @Test
    @DisplayName("DESIGN rule 4: every service task is a save point with the settings' retry cycle; those that touch servers also save after")
    void savePoints() throws IOException {
        BpmnModelInstance m = model();
        for (ServiceTask task : m.getModelElementsByType(ServiceTask.class)) {
            boolean runsInAnAsyncAfterJob = List.of(InvoiceDunningProcess.Elements.MARK_CONTRACTS_SUSPENDED,
                    InvoiceDunningProcess.Elements.MARK_CLIENT_DELETED, InvoiceDunningProcess.Elements.MARK_CLIENT_REACTIVATED)
                    .contains(task.getId());
            // R8.2: the balance mail runs in the balance check's job, under the account lock, so the wait
            // for the next payment exists before a payment can commit (no message lost in between).
            boolean runsInTheCheckJob = task.getId().equals(InvoiceDunningProcess.Elements.MAIL_BALANCE);
            if (runsInTheCheckJob) {
                assertThat(task.isCamundaAsyncBefore()).as(task.getId()).isFalse();
            } else if (!runsInAnAsyncAfterJob) {
                assertThat(task.isCamundaAsyncBefore()).as(task.getId()).isTrue();
                assertThat(retryCycle(task)).as(task.getId()).isEqualTo("${billingSettings.dunning.retryCycle}");
            }
        }
        for (String remote : List.of(InvoiceDunningProcess.Elements.SUSPEND_SERVICES,
                InvoiceDunningProcess.Elements.DELETE_CLIENT_DATA, InvoiceDunningProcess.Elements.REACTIVATE_SERVICES)) {
            assertThat(((ServiceTask) m.getModelElementById(remote)).isCamundaAsyncAfter()).as(remote).isTrue();
        }
        Activity backup = m.getModelElementById(InvoiceDunningProcess.Elements.FINAL_BACKUP);
        assertThat(backup.isCamundaAsyncBefore()).isTrue();
    }

    private static String retryCycle(BaseElement element) {
        CamundaFailedJobRetryTimeCycle cycle = element.getExtensionElements() == null ? null
                : element.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
                        .singleResult();
        return cycle == null ? null : cycle.getTextContent();
    }

    @Test
    @DisplayName("DESIGN rules 11, 12: every user task is for managers, has its Camunda Form and a due date; every form input is a Vars constant; what steers the flow is never an input")
    void userTasksAndForms() throws IOException {
        BpmnModelInstance m = model();
        Set<String> vars = constants(InvoiceDunningProcess.Vars.class);
        Set<String> forms = new HashSet<>();
        for (UserTask task : m.getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isEqualTo("managers");
            assertThat(task.getCamundaDueDate()).as(task.getId()).isNotBlank();
            forms.add(task.getCamundaFormRef());
            Path form = DIR.resolve(task.getCamundaFormRef() + ".form");
            assertThat(form).exists();
            assertThat(Files.readString(form)).contains("\"schemaVersion\": 16")
                    .contains("\"id\": \"" + task.getCamundaFormRef() + "\"");
            try (InputStream in = Files.newInputStream(form)) {
                Set<String> inputs = FormInputs.of(in);
                assertThat(inputs).as(task.getId()).isNotEmpty();
                assertThat(vars).as(task.getId()).containsAll(inputs);
                assertThat(inputs).doesNotContain(InvoiceDunningProcess.Vars.INVOICE_NUMBER, InvoiceDunningProcess.Vars.CLIENT_ID,
                        InvoiceDunningProcess.Vars.MISSING_SEMESTER, InvoiceDunningProcess.Vars.CONTEST_ID,
                        InvoiceDunningProcess.Vars.CONTEST_CREDIT_NOTE, InvoiceDunningProcess.Vars.CONTEST_ACCEPTED,
                        InvoiceDunningProcess.Vars.SUSPENSION_DECISION, InvoiceDunningProcess.Vars.BALANCE_SETTLED,
                        InvoiceDunningProcess.Vars.DELETION_DECISION, InvoiceDunningProcess.Vars.PAYMENT_STATE);
            }
        }
        assertThat(forms).containsExactlyInAnyOrder(InvoiceDunningProcess.Forms.LEGAL_RATE,
                InvoiceDunningProcess.Forms.CONTEST_DECISION);
    }
}
