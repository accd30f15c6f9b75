package fr.progerance.ops.monitoring.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.engine.FormInputs;
import fr.progerance.ops.monitoring.availability.AvailabilityPenaltiesProcess.Elements;
import fr.progerance.ops.monitoring.availability.AvailabilityPenaltiesProcess.Vars;
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
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The AvailabilityPenalties model and its Camunda Form, without an engine (DESIGN rules 1, 2, 4, 11, 12; R4.4-c). */
class AvailabilityPenaltiesModelTest {

    private static final Path DIR = Path.of("processes/monitoring");

    private static BpmnModelInstance model() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(AvailabilityPenaltiesProcess.RESOURCE))) {
            return Bpmn.readModelFromStream(in);
        }
    }

    private static Set<String> constants(Class<?> type) throws IllegalAccessException {
        Set<String> values = new HashSet<>();
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                values.add((String) f.get(null));
            }
        }
        return values;
    }

    @Test
    @DisplayName("DESIGN rules 1, 2: the key, every element id and message is a constant of AvailabilityPenaltiesProcess; every element is named and drawn")
    void idsNamesAndLayout() throws Exception {
        BpmnModelInstance m = model();
        Process process = m.getModelElementById(AvailabilityPenaltiesProcess.KEY);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaCandidateStarterGroups()).as("only the application starts it").isNull();
        Set<String> ids = constants(Elements.class);
        Set<String> drawn = new HashSet<>();
        m.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
        m.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
        Set<String> nodes = new HashSet<>();
        for (FlowNode node : m.getModelElementsByType(FlowNode.class)) {
            nodes.add(node.getId());
            assertThat(ids).as("constant for %s", node.getId()).contains(node.getId());
            assertThat(drawn).as("shape of %s", node.getId()).contains(node.getId());
            assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
        }
        assertThat(nodes).containsExactlyInAnyOrderElementsOf(ids);
        for (SequenceFlow flow : m.getModelElementsByType(SequenceFlow.class)) {
            assertThat(drawn).as("edge of %s", flow.getId()).contains(flow.getId());
        }
        assertThat(m.getModelElementsByType(Message.class).stream().map(Message::getName).toList())
                .containsExactlyInAnyOrderElementsOf(constants(AvailabilityPenaltiesProcess.Messages.class));
    }

    @Test
    @DisplayName("DESIGN rules 4, 13: measuring and issuing are save points with the settings' retry cycle; issuing is idempotent per contract and month")
    void savePoints() throws IOException {
        BpmnModelInstance m = model();
        for (String id : List.of(Elements.PREPARE_REVIEW, Elements.ISSUE_CREDIT_NOTES)) {
            ServiceTask task = m.getModelElementById(id);
            assertThat(task.isCamundaAsyncBefore()).as(id).isTrue();
            assertThat(retryCycle(task)).as(id).isEqualTo("${availabilitySettings.penalties.retryCycle}");
        }
    }

    @Test
    @DisplayName("DESIGN rule 12, R4.4-c: the managers' review has a due date, and an interrupting timer at that date issues the credit notes anyway")
    void theReviewEnds() throws IOException {
        BpmnModelInstance m = model();
        UserTask review = m.getModelElementById(Elements.REVIEW);
        assertThat(review.getCamundaCandidateGroups()).isEqualTo("managers");
        assertThat(review.getCamundaDueDate()).isEqualTo("${" + Vars.REVIEW_DUE + "}");
        assertThat(review.getCamundaFormRef()).isEqualTo(AvailabilityPenaltiesProcess.FORM);
        assertThat(review.getCamundaFormRefBinding()).isEqualTo("latest");
        BoundaryEvent overdue = m.getModelElementById(Elements.REVIEW_OVERDUE);
        assertThat(overdue.getAttachedTo().getId()).isEqualTo(Elements.REVIEW);
        assertThat(overdue.cancelActivity()).isTrue();
        TimerEventDefinition timer = (TimerEventDefinition) overdue.getEventDefinitions().iterator().next();
        assertThat(timer.getTimeDate().getTextContent()).isEqualTo("${" + Vars.REVIEW_DUE + "}");
        assertThat(overdue.getOutgoing().iterator().next().getTarget().getId()).isEqualTo(Elements.ISSUE_CREDIT_NOTES);
    }

    @Test
    @DisplayName("DESIGN rule 11: the review form's only input is the approval; its context fields are disabled and read-only")
    void form() throws IOException {
        Path file = DIR.resolve(AvailabilityPenaltiesProcess.FORM + ".form");
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(FormInputs.of(in)).containsExactly(Vars.APPROVED);
        }
        JsonNode form = new ObjectMapper().readTree(file.toFile());
        assertThat(form.path("id").asText()).isEqualTo(AvailabilityPenaltiesProcess.FORM);
        assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
        for (JsonNode c : form.path("components")) {
            if (List.of(Vars.MONTH, Vars.SUMMARY).contains(c.path("key").asText())) {
                assertThat(c.path("disabled").asBoolean() && c.path("readonly").asBoolean()).isTrue();
            }
        }
    }

    private static String retryCycle(BaseElement element) {
        CamundaFailedJobRetryTimeCycle cycle = element.getExtensionElements() == null ? null
                : element.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
                        .singleResult();
        return cycle == null ? null : cycle.getTextContent();
    }
}
