package fr.progerance.ops.update.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.engine.FormInputs;
import fr.progerance.ops.quote.QuoteApprovalProcess;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The models of MinorUpdate, MajorUpdate and UpdateWatch and their form, without an engine (DESIGN rules 1, 2, 4, 11, 12). */
class UpdateModelTest {

    private static final Path DIR = Path.of("processes/update");
    private static final Path FORM = DIR.resolve(MinorUpdateProcess.PLAN_WINDOW_FORM + ".form");

    static Stream<Arguments> processes() {
        return Stream.of(
                Arguments.of(MinorUpdateProcess.KEY, MinorUpdateProcess.RESOURCE, MinorUpdateProcess.Elements.class,
                        MinorUpdateProcess.Vars.class),
                Arguments.of(MajorUpdateProcess.KEY, MajorUpdateProcess.RESOURCE, MajorUpdateProcess.Elements.class,
                        MajorUpdateProcess.Vars.class),
                Arguments.of(UpdateWatchProcess.KEY, UpdateWatchProcess.RESOURCE, UpdateWatchProcess.Elements.class,
                        UpdateWatchProcess.Vars.class));
    }

    private static BpmnModelInstance model(String resource) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(resource))) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("processes")
    @DisplayName("DESIGN rules 1, 2: the key and every element id are constants of the process class; every element is named and drawn")
    void idsNamesAndLayout(String key, String resource, Class<?> elements, Class<?> vars) throws IOException {
        BpmnModelInstance m = model(resource);
        assertThat((Object) m.getModelElementById(key)).isNotNull();
        Set<String> ids = constants(elements);
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
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processes")
    @DisplayName("DESIGN rules 4, 13: every service task and call activity is a save point with the settings' retry cycle")
    void savePoints(String key, String resource, Class<?> elements, Class<?> vars) throws IOException {
        BpmnModelInstance m = model(resource);
        List<Activity> activities = Stream.concat(m.getModelElementsByType(ServiceTask.class).stream(),
                m.getModelElementsByType(CallActivity.class).stream()).map(Activity.class::cast).toList();
        assertThat(activities).isNotEmpty();
        for (Activity a : activities) {
            assertThat(a.isCamundaAsyncBefore()).as(a.getId()).isTrue();
            assertThat(retryCycle(a)).as(a.getId()).isEqualTo("${updateProcessSettings.retryCycle}");
        }
    }

    @Test
    @DisplayName("RD-ps, R4.0-b: UpdateWatch starts on the watch-cycle timer and checks each watched server in its own job")
    void watchTimerAndMultiInstance() throws IOException {
        BpmnModelInstance m = model(UpdateWatchProcess.RESOURCE);
        TimerEventDefinition timer = m.getModelElementsByType(TimerEventDefinition.class).iterator().next();
        assertThat(timer.getTimeCycle().getTextContent()).isEqualTo("${updateProcessSettings.watchCycle}");
        ServiceTask check = m.getModelElementById(UpdateWatchProcess.Elements.CHECK_SERVER);
        MultiInstanceLoopCharacteristics loop = (MultiInstanceLoopCharacteristics) check.getLoopCharacteristics();
        assertThat(loop.getCamundaCollection()).isEqualTo("${watchedServers.ids()}");
        assertThat(loop.getCamundaElementVariable()).isEqualTo(UpdateWatchProcess.Vars.SERVER_ID);
        assertThat(check.isCamundaAsyncBefore()).as("the list of servers, a save point").isTrue();
        assertThat(loop.isCamundaAsyncBefore()).as("each server its own job").isTrue();
        assertThat(retryCycle(loop)).as("each server's job retries").isEqualTo("${updateProcessSettings.retryCycle}");
    }

    @Test
    @DisplayName("R4.0-b: MinorUpdate's planning task is due at the record's due date with its priority; the overdue timer does not interrupt")
    void minorUpdateDueDateAndEscalation() throws IOException {
        BpmnModelInstance m = model(MinorUpdateProcess.RESOURCE);
        UserTask plan = m.getModelElementById(MinorUpdateProcess.Elements.PLAN_WINDOW);
        assertThat(plan.getCamundaDueDate()).isEqualTo("${" + MinorUpdateProcess.Vars.DUE_AT + "}");
        assertThat(plan.getCamundaPriority()).isEqualTo("${" + MinorUpdateProcess.Vars.PRIORITY + "}");
        BoundaryEvent overdue = m.getModelElementById(MinorUpdateProcess.Elements.TIMER_OVERDUE);
        assertThat(overdue.cancelActivity()).isFalse();
        assertThat(overdue.getAttachedTo().getId()).isEqualTo(MinorUpdateProcess.Elements.WITHIN_DELAY);
        TimerEventDefinition timer = (TimerEventDefinition) overdue.getEventDefinitions().iterator().next();
        assertThat(timer.getTimeDate().getTextContent()).isEqualTo("${" + MinorUpdateProcess.Vars.DUE_AT + "}");
    }

    @Test
    @DisplayName("R4.0-c: MajorUpdate calls QuoteApproval with its documented inputs and reads quoteId back; ApplyUpdate gets the update id only after the approval gateway")
    void majorUpdateCalls() throws IOException {
        BpmnModelInstance m = model(MajorUpdateProcess.RESOURCE);
        CallActivity quote = m.getModelElementById(MajorUpdateProcess.Elements.QUOTE_APPROVAL);
        assertThat(quote.getCalledElement()).isEqualTo(QuoteApprovalProcess.KEY);
        assertThat(quote.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                .map(CamundaIn::getCamundaTarget).filter(t -> t != null)).containsExactlyInAnyOrder(
                        QuoteApprovalProcess.Vars.SUBJECT, QuoteApprovalProcess.Vars.CLIENT_ID,
                        QuoteApprovalProcess.Vars.SERVER_ID, QuoteApprovalProcess.Vars.TITLE,
                        QuoteApprovalProcess.Vars.NO_ANSWER);
        assertThat(quote.getExtensionElements().getElementsQuery().filterByType(CamundaOut.class).list().stream()
                .map(CamundaOut::getCamundaSource)).containsExactly(QuoteApprovalProcess.Vars.QUOTE_ID);
        for (String resource : List.of(MajorUpdateProcess.RESOURCE, MinorUpdateProcess.RESOURCE)) {
            CallActivity apply = model(resource).getModelElementById(MajorUpdateProcess.Elements.APPLY_UPDATE);
            assertThat(apply.getCalledElement()).isEqualTo(CalledProcesses.APPLY_UPDATE);
            assertThat(apply.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                    .map(CamundaIn::getCamundaTarget).filter(t -> t != null))
                    .containsExactly(CalledProcesses.APPLY_UPDATE_IN);
        }
        // The only way into ApplyUpdate is through the approved branch of Gateway_QuoteApproved.
        FlowNode apply = m.getModelElementById(MajorUpdateProcess.Elements.APPLY_UPDATE);
        Set<String> upstream = new HashSet<>();
        collectUpstream(apply, upstream);
        assertThat(upstream).contains(MajorUpdateProcess.Elements.GATEWAY_APPROVED, MajorUpdateProcess.Elements.READ_QUOTE)
                .doesNotContain(MajorUpdateProcess.Elements.CLOSE_NOT_APPROVED);
        SequenceFlow approved = m.getModelElementById("Flow_Approved");
        assertThat(approved.getConditionExpression().getTextContent())
                .isEqualTo("${" + MajorUpdateProcess.Vars.QUOTE_APPROVED + "}");
    }

    private static void collectUpstream(FlowNode node, Set<String> seen) {
        for (SequenceFlow in : node.getIncoming()) {
            if (seen.add(in.getSource().getId())) {
                collectUpstream(in.getSource(), seen);
            }
        }
    }

    @Test
    @DisplayName("DESIGN rules 11, 12: both planning tasks are for ops, with the Camunda Form, a due date and the window listener; the form writes only the window and the late reason")
    void planningTasksAndForm() throws IOException {
        for (String[] p : new String[][] {{MinorUpdateProcess.RESOURCE, MinorUpdateProcess.Elements.PLAN_WINDOW},
            {MajorUpdateProcess.RESOURCE, MajorUpdateProcess.Elements.PLAN_WINDOW}}) {
            BpmnModelInstance m = model(p[0]);
            assertThat(m.getModelElementsByType(UserTask.class)).hasSize(1);
            UserTask task = m.getModelElementById(p[1]);
            assertThat(task.getCamundaCandidateGroups()).isEqualTo("ops");
            assertThat(task.getCamundaFormRef()).isEqualTo(MinorUpdateProcess.PLAN_WINDOW_FORM);
            assertThat(task.getCamundaFormRefBinding()).isEqualTo("latest");
            assertThat(task.getCamundaDueDate()).isNotBlank();
            assertThat(task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list())
                    .singleElement().satisfies(l -> {
                        assertThat(l.getCamundaEvent()).isEqualTo("complete");
                        assertThat(l.getCamundaDelegateExpression()).isEqualTo("${updateWindowListener}");
                    });
        }
        String form = Files.readString(FORM);
        assertThat(form).contains("\"schemaVersion\": 16").contains("\"id\": \"" + MinorUpdateProcess.PLAN_WINDOW_FORM + "\"");
        try (InputStream in = Files.newInputStream(FORM)) {
            assertThat(FormInputs.of(in)).containsExactlyInAnyOrder(UpdateVariables.WINDOW_START,
                    UpdateVariables.WINDOW_END, UpdateVariables.LATE_WINDOW_REASON);
        }
        Set<String> shared = constants(UpdateVariables.class);
        JsonNode json = new ObjectMapper().readTree(form);
        for (JsonNode c : json.path("components")) {
            if (c.hasNonNull("key")) {
                assertThat(shared).as("form key %s", c.path("key").asText()).contains(c.path("key").asText());
                assertThat(constants(MinorUpdateProcess.Vars.class)).contains(c.path("key").asText());
            }
            if (c.path("type").asText().equals("datetime")) {
                assertThat(c.path("timeSerializingFormat").asText()).as("sent with its offset").isEqualTo("utc_offset");
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
