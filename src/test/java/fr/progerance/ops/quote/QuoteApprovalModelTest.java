package fr.progerance.ops.quote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.engine.FormInputs;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.quote.QuoteApprovalProcess.Elements;
import fr.progerance.ops.quote.QuoteApprovalProcess.Forms;
import fr.progerance.ops.quote.QuoteApprovalProcess.Vars;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The QuoteApproval model and its Camunda Forms, without an engine (DESIGN rules 1, 2, 4, 11, 12; RD-extra, R7.1). */
class QuoteApprovalModelTest {

    private static final Path DIR = Path.of("processes/quote");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BpmnModelInstance model() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(QuoteApprovalProcess.RESOURCE))) {
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

    private static JsonNode form(String id) throws IOException {
        return JSON.readTree(DIR.resolve(id + ".form").toFile());
    }

    private static List<JsonNode> components(JsonNode container) {
        List<JsonNode> all = new ArrayList<>();
        container.path("components").forEach(c -> {
            all.add(c);
            all.addAll(components(c));
        });
        return all;
    }

    private static JsonNode field(String formId, String key) throws IOException {
        return components(form(formId)).stream().filter(c -> key.equals(c.path("key").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(formId + " has no field " + key));
    }

    @Test
    @DisplayName("DESIGN rules 1, 2: the key, every element id and message is a constant of QuoteApprovalProcess; every element is named and drawn")
    void idsNamesAndLayout() throws IOException {
        BpmnModelInstance m = model();
        Process process = m.getModelElementById(QuoteApprovalProcess.KEY);
        assertThat(process).isNotNull();
        assertThat(process.isExecutable()).isTrue();
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
        assertThat(nodes).as("every constant is an element of the model").containsAll(ids);
        for (SequenceFlow flow : m.getModelElementsByType(SequenceFlow.class)) {
            assertThat(drawn).as("edge of %s", flow.getId()).contains(flow.getId());
        }
        assertThat(m.getModelElementsByType(Message.class).stream().map(Message::getName).toList())
                .containsExactlyInAnyOrderElementsOf(constants(QuoteApprovalProcess.Messages.class));
        assertThat(m.getModelElementsByType(StartEvent.class)).allSatisfy(start -> {
            assertThat(start.getCamundaFormRef()).as("started by call activities only: no start form").isNull();
            assertThat(start.getCamundaFormKey()).isNull();
        });
        assertThat(process.getCamundaCandidateStarterGroups()).as("nobody starts it from Tasklist").isNull();
    }

    @Test
    @DisplayName("DESIGN rules 4, 13: every service task is a save point with the settings' retry cycle")
    void savePoints() throws IOException {
        for (ServiceTask task : model().getModelElementsByType(ServiceTask.class)) {
            assertThat(task.isCamundaAsyncBefore()).as(task.getId()).isTrue();
            assertThat(retryCycle(task)).as(task.getId()).isEqualTo("${quoteSettings.retryCycle}");
        }
    }

    @Test
    @DisplayName("DESIGN rule 12: the client's wait has a message, reminders (non-interrupting) and an expiry (interrupting) at the quote's own dates")
    void theWaitEnds() throws IOException {
        BpmnModelInstance m = model();
        Map<String, String> timers = new TreeMap<>();
        for (BoundaryEvent e : m.getModelElementsByType(BoundaryEvent.class)) {
            assertThat(e.getAttachedTo().getId()).isEqualTo(Elements.FOLLOW_UP);
            e.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance)
                    .map(TimerEventDefinition.class::cast)
                    .forEach(t -> timers.put(e.getId(), (t.getTimeCycle() != null ? "cycle " + t.getTimeCycle().getTextContent()
                            : "date " + t.getTimeDate().getTextContent()) + (e.cancelActivity() ? " interrupting" : "")));
        }
        assertThat(timers).isEqualTo(Map.of(
                Elements.TIMER_REMINDER, "cycle ${" + Vars.REMINDER_CYCLE + "}",
                Elements.TIMER_EXPIRED, "date ${" + Vars.EXPIRES_AT + "} interrupting"));
        BoundaryEvent link = m.getModelElementById(Elements.MESSAGE_ANSWERED_BY_LINK);
        assertThat(link.cancelActivity()).isTrue();
        ServiceTask outcome = m.getModelElementById(Elements.RECORD_OUTCOME);
        assertThat(outcome.isCamundaAsyncBefore()).as("the client's request only commits the answer").isTrue();
    }

    @Test
    @DisplayName("DESIGN rules 11, 12: every user task is for ops, has its Camunda Form (binding latest) and a due date; every input is a Vars constant; context fields are disabled")
    void userTasksAndForms() throws IOException {
        BpmnModelInstance m = model();
        Set<String> vars = constants(Vars.class);
        Map<String, String> formOf = new TreeMap<>();
        for (UserTask task : m.getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isEqualTo("ops");
            assertThat(task.getCamundaDueDate()).as(task.getId()).isNotBlank();
            assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("latest");
            formOf.put(task.getId(), task.getCamundaFormRef());
            Path file = DIR.resolve(task.getCamundaFormRef() + ".form");
            JsonNode form = JSON.readTree(file.toFile());
            assertThat(form.path("id").asText()).isEqualTo(task.getCamundaFormRef());
            assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
            assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");
            for (JsonNode c : components(form)) {
                if (c.hasNonNull("key")) {
                    assertThat(vars).as("%s: %s", task.getId(), c.path("key")).contains(c.path("key").asText());
                    if (c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false)) {
                        assertThat(c.path("disabled").asBoolean(false) && c.path("readonly").asBoolean(false))
                                .as("%s: context field %s is disabled and read-only", task.getId(), c.path("key")).isTrue();
                        assertThat(c.has("validate")).isFalse();
                    }
                }
            }
        }
        assertThat(formOf).isEqualTo(Map.of(Elements.PREPARE, Forms.PREPARE, Elements.FOLLOW_UP, Forms.FOLLOW_UP));
        assertThat(m.<UserTask>getModelElementById(Elements.PREPARE).getCamundaDueDate())
                .isEqualTo("${" + Vars.PREPARATION_DUE + "}");
        assertThat(m.<UserTask>getModelElementById(Elements.FOLLOW_UP).getCamundaDueDate())
                .isEqualTo("${" + Vars.EXPIRES_AT + "}");
    }

    @Test
    @DisplayName("DESIGN rule 11: what ops may set on each task is exactly its form's inputs (the owned-variables guard refuses the rest)")
    void whatOpsMaySet() throws IOException {
        try (InputStream prepare = Files.newInputStream(DIR.resolve(Forms.PREPARE + ".form"));
                InputStream followUp = Files.newInputStream(DIR.resolve(Forms.FOLLOW_UP + ".form"))) {
            assertThat(FormInputs.of(prepare)).containsExactlyInAnyOrder(Vars.DESCRIPTION, Vars.AMOUNT,
                    Vars.WINDOW_START, Vars.WINDOW_END, Vars.VALID_UNTIL);
            assertThat(FormInputs.of(followUp)).containsExactly(Vars.PHONE_ANSWER);
        }
    }

    @Test
    @DisplayName("RD-extra, R7.1: the preparation form asks for everything (required), an amount above 0 in euros excl. tax as exact text, French text up to 2000, future dates with their offset")
    void preparationFormValidation() throws IOException {
        for (String key : List.of(Vars.DESCRIPTION, Vars.AMOUNT, Vars.WINDOW_START, Vars.WINDOW_END, Vars.VALID_UNTIL)) {
            assertThat(field(Forms.PREPARE, key).path("validate").path("required").asBoolean()).as(key).isTrue();
        }
        JsonNode amount = field(Forms.PREPARE, Vars.AMOUNT);
        assertThat(amount.path("type").asText()).isEqualTo("number");
        assertThat(amount.path("validate").path("min").asDouble()).isEqualTo(0.01);
        assertThat(amount.path("decimalDigits").asInt()).isEqualTo(2);
        assertThat(amount.path("serializeToString").asBoolean()).isTrue();
        assertThat(amount.path("description").asText()).contains("EUR").contains("R7.1");
        JsonNode description = field(Forms.PREPARE, Vars.DESCRIPTION);
        assertThat(description.path("validate").path("maxLength").asInt()).isEqualTo(QuotePreparation.DESCRIPTION_MAX);
        assertThat(description.path("description").asText()).contains("French");
        for (String key : List.of(Vars.WINDOW_START, Vars.WINDOW_END)) {
            JsonNode window = field(Forms.PREPARE, key);
            assertThat(window.path("subtype").asText()).isEqualTo("datetime");
            assertThat(window.path("timeSerializingFormat").asText()).as("what QuotePreparation parses").isEqualTo("utc_offset");
            assertThat(window.path("disallowPassedDates").asBoolean()).isTrue();
        }
        JsonNode validity = field(Forms.PREPARE, Vars.VALID_UNTIL);
        assertThat(validity.path("subtype").asText()).isEqualTo("date");
        assertThat(validity.path("disallowPassedDates").asBoolean()).isTrue();
        assertThat(field(Forms.FOLLOW_UP, Vars.PHONE_ANSWER).path("values").findValuesAsText("value"))
                .containsExactlyElementsOf(Arrays.stream(Answer.values()).map(Enum::name).toList());
    }

    private static String retryCycle(BaseElement element) {
        CamundaFailedJobRetryTimeCycle cycle = element.getExtensionElements() == null ? null
                : element.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
                        .singleResult();
        return cycle == null ? null : cycle.getTextContent();
    }
}
