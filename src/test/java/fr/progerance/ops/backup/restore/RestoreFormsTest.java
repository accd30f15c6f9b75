package fr.progerance.ops.backup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.engine.FormInputs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Restore and RestoreDrill models and forms, without an engine (DESIGN rules 1, 2, 11, 12). */
class RestoreFormsTest {

    private static final Path DIR = Path.of("processes/backup");

    private static BpmnModelInstance model(String file) throws IOException {
        try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
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
    @DisplayName("DESIGN rules 1, 2: every element id of both models is a constant of its process class, and every element is drawn")
    void idsAndLayout() throws IOException {
        for (var pair : List.of(List.of("Restore.bpmn", RestoreProcess.Elements.class),
                List.of("RestoreDrill.bpmn", RestoreDrillProcess.Elements.class))) {
            BpmnModelInstance m = model((String) pair.get(0));
            Set<String> ids = constants((Class<?>) pair.get(1));
            Set<String> drawn = new HashSet<>();
            m.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
            for (FlowNode node : m.getModelElementsByType(FlowNode.class)) {
                assertThat(ids).as("constant for %s", node.getId()).contains(node.getId());
                assertThat(drawn).as("shape of %s", node.getId()).contains(node.getId());
                assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
            }
        }
    }

    @Test
    @DisplayName("DESIGN rules 11, 12: every user task has its Camunda Form, candidate group ops and a due date; every form input is a Vars constant; context fields are disabled")
    void formsOfUserTasks() throws IOException {
        BpmnModelInstance m = model("Restore.bpmn");
        Set<String> vars = constants(RestoreProcess.Vars.class);
        for (UserTask task : m.getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isEqualTo("ops");
            assertThat(task.getCamundaDueDate()).as(task.getId()).isNotBlank();
            assertInputs(task.getCamundaFormRef(), vars);
        }
        for (StartEvent start : m.getModelElementsByType(StartEvent.class)) {
            if (start.getCamundaFormRef() != null) {
                assertInputs(start.getCamundaFormRef(), vars);
            }
        }
    }

    private static void assertInputs(String formRef, Set<String> vars) throws IOException {
        Path form = DIR.resolve(formRef + ".form");
        assertThat(form).exists();
        assertThat(Files.readString(form)).contains("\"schemaVersion\": 16").contains("\"id\": \"" + formRef + "\"");
        try (InputStream in = Files.newInputStream(form)) {
            Set<String> inputs = FormInputs.of(in);
            assertThat(inputs).as(formRef).isNotEmpty();
            assertThat(vars).as(formRef).containsAll(inputs);
            assertThat(Arrays.asList("restoreId", "restoreDecisionId", "clientValidated", "restoreDue", "restoreHealthy"))
                    .as("what steers the flow is never a form input of " + formRef).doesNotContainAnyElementsOf(inputs);
        }
    }
}
