package fr.progerance.ops.update.apply;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ApplyUpdate model, without an engine (DESIGN rules 1, 2, 4, 5, 12). */
class ApplyUpdateModelTest {

    private static BpmnModelInstance model() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(ApplyUpdateProcess.RESOURCE))) {
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
    @DisplayName("DESIGN rules 1, 2: the key and every element id is a constant of ApplyUpdateProcess; every element is named and drawn, every flow drawn")
    void idsNamesAndLayout() throws IOException {
        BpmnModelInstance m = model();
        assertThat((Object) m.getModelElementById(ApplyUpdateProcess.KEY)).isNotNull();
        Set<String> ids = constants(ApplyUpdateProcess.Elements.class);
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
        assertThat(m.getModelElementsByType(Error.class)).extracting(Error::getErrorCode)
                .containsExactly(ApplyUpdateProcess.Errors.UPDATE_FAILED);
    }

    @Test
    @DisplayName("DESIGN rules 4, 5: every service task is a save point with the settings' retry cycle, or an external task of the worker's topics (update-run, update-rollback); the Backup call too")
    void savePointsAndExternalTasks() throws IOException {
        BpmnModelInstance m = model();
        Set<String> topics = new HashSet<>();
        for (ServiceTask task : m.getModelElementsByType(ServiceTask.class)) {
            if ("external".equals(task.getCamundaType())) {
                topics.add(task.getCamundaTopic());
                continue;
            }
            assertThat(task.isCamundaAsyncBefore()).as(task.getId()).isTrue();
            assertThat(retryCycle(task)).as(task.getId()).isEqualTo("${updateSettings.apply.retryCycle}");
        }
        assertThat(topics).containsExactlyInAnyOrderElementsOf(constants(ApplyUpdateProcess.Topics.class));
        CallActivity backup = m.getModelElementById(ApplyUpdateProcess.Elements.BACKUP);
        assertThat(backup.getCalledElement()).isEqualTo("Backup");
        assertThat(backup.isCamundaAsyncBefore()).isTrue();
        assertThat(retryCycle(backup)).isEqualTo("${updateSettings.apply.retryCycle}");
        List<String> inputs = backup.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list()
                .stream().map(in -> in.getCamundaTarget() == null ? "businessKey" : in.getCamundaTarget()).toList();
        assertThat(inputs).containsExactlyInAnyOrder("serverId", "kind", "trigger", "businessKey");
    }

    @Test
    @DisplayName("DESIGN rule 12, R4.3-p2: every wait has its timer: the window's start, the backup's timeout (interrupting), the time limit on the work (non-interrupting); no user task")
    void timers() throws IOException {
        BpmnModelInstance m = model();
        assertThat(m.getModelElementsByType(UserTask.class)).isEmpty();
        BoundaryEvent backup = m.getModelElementById(ApplyUpdateProcess.Elements.TIMER_BACKUP);
        assertThat(backup.cancelActivity()).isTrue();
        assertThat(backup.getAttachedTo().getId()).isEqualTo(ApplyUpdateProcess.Elements.BACKUP);
        BoundaryEvent limit = m.getModelElementById(ApplyUpdateProcess.Elements.TIMER_TIME_LIMIT);
        assertThat(limit.cancelActivity()).isFalse();
        assertThat(limit.getAttachedTo().getId()).isEqualTo(ApplyUpdateProcess.Elements.WORK);
        BoundaryEvent failed = m.getModelElementById(ApplyUpdateProcess.Elements.ERROR_UPDATE_FAILED);
        assertThat(failed.getAttachedTo().getId()).isEqualTo(ApplyUpdateProcess.Elements.RUN);
    }

    private static String retryCycle(BaseElement element) {
        CamundaFailedJobRetryTimeCycle cycle = element.getExtensionElements() == null ? null
                : element.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
                        .singleResult();
        return cycle == null ? null : cycle.getTextContent();
    }
}
