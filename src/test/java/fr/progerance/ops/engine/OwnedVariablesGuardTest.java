package fr.progerance.ops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DESIGN rule 11, the guard's two halves without an engine: what a form lets a person write, and
 * the inputs of Camunda's commands it reads (pinned here, so an upgrade that renames a field fails
 * this test instead of opening the guard). Its behaviour on the running engine is in
 * {@code IncidentEndToEndTest} (forged completions through /engine-rest) and the flow tests.
 */
@DisplayName("DESIGN rule 11: a completion writes only what its task's form lets a person write")
class OwnedVariablesGuardTest {

    @Test
    @DisplayName("A form's inputs: keyed fields that are neither disabled nor read-only, nested groups included; no text")
    void formInputs() throws IOException {
        String form = """
                {"components": [
                  {"type": "text", "id": "t", "text": "intro"},
                  {"type": "textfield", "id": "a", "key": "incidentNumber", "readonly": true, "disabled": true},
                  {"type": "textfield", "id": "b", "key": "shownOnly", "disabled": true},
                  {"type": "textfield", "id": "c", "key": "readOnly", "readonly": true},
                  {"type": "radio", "id": "d", "key": "phoneOutcome"},
                  {"type": "group", "id": "g", "key": "aGroupPath", "components": [
                    {"type": "textarea", "id": "e", "key": "notes"}]}
                ]}""";
        assertThat(FormInputs.of(new ByteArrayInputStream(form.getBytes(StandardCharsets.UTF_8))))
                .containsExactly("phoneOutcome", "notes");
    }

    @Test
    @DisplayName("The guard reads the task id and variables of every command that completes a task or writes its variables")
    void taskCommandsArePinned() {
        Map<String, Object> vars = Map.of("decisionApproved", true);
        CompleteTaskCmd complete = new CompleteTaskCmd("task-1", vars, false, false);
        assertThat((String) OwnedVariablesGuard.field(complete, CompleteTaskCmd.class, "taskId")).isEqualTo("task-1");
        assertThat((Map<String, Object>) OwnedVariablesGuard.field(complete, CompleteTaskCmd.class, "variables")).isEqualTo(vars);
        ResolveTaskCmd resolve = new ResolveTaskCmd("task-2", vars);
        assertThat((String) OwnedVariablesGuard.field(resolve, CompleteTaskCmd.class, "taskId")).isEqualTo("task-2");

        SubmitTaskFormCmd submit = new SubmitTaskFormCmd("task-3", vars, false, false);
        assertThat((String) OwnedVariablesGuard.field(submit, SubmitTaskFormCmd.class, "taskId")).isEqualTo("task-3");
        assertThat((Map<String, Object>) OwnedVariablesGuard.field(submit, SubmitTaskFormCmd.class, "properties"))
                .containsKey("decisionApproved");

        SetTaskVariablesCmd set = new SetTaskVariablesCmd("task-4", vars, true);
        assertThat((String) OwnedVariablesGuard.field(set, AbstractVariableCmd.class, "entityId")).isEqualTo("task-4");
        assertThat((Map<String, Object>) OwnedVariablesGuard.field(set, AbstractSetVariableCmd.class, "variables")).isEqualTo(vars);
        assertThat((Boolean) OwnedVariablesGuard.field(set, AbstractVariableCmd.class, "isLocal")).isTrue();

        PatchTaskVariablesCmd patch = new PatchTaskVariablesCmd("task-5", vars, List.of("restored"), false);
        assertThat((String) OwnedVariablesGuard.field(patch, AbstractPatchVariablesCmd.class, "entityId"))
                .isEqualTo("task-5");
        assertThat((Map<String, Object>) OwnedVariablesGuard.field(patch, AbstractPatchVariablesCmd.class, "variables"))
                .isEqualTo(vars);
        assertThat((List<String>) OwnedVariablesGuard.field(patch, AbstractPatchVariablesCmd.class, "deletions"))
                .containsExactly("restored");
        assertThat((Boolean) OwnedVariablesGuard.field(patch, AbstractPatchVariablesCmd.class, "isLocal")).isFalse();

        org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd claim = new org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd("task-7",
                "alice");
        assertThat((String) OwnedVariablesGuard.field(claim, org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd.class,
                "userId")).isEqualTo("alice");

        RemoveTaskVariablesCmd remove = new RemoveTaskVariablesCmd("task-6", List.of("incidentNumber"), false);
        assertThat((String) OwnedVariablesGuard.field(remove, AbstractVariableCmd.class, "entityId")).isEqualTo("task-6");
        assertThat((List<String>) OwnedVariablesGuard.field(remove, AbstractRemoveVariableCmd.class, "variableNames"))
                .containsExactly("incidentNumber");
    }

    @Test
    @DisplayName("The guard reads the definition and variables of every command that starts a process")
    void startCommandsArePinned() {
        SubmitStartFormCmd form = new SubmitStartFormCmd("IncidentHandling:1:x", "INC-1", Map.of("incidentNumber", "INC-1"));
        assertThat((String) OwnedVariablesGuard.field(form, SubmitStartFormCmd.class, "processDefinitionId"))
                .isEqualTo("IncidentHandling:1:x");
        assertThat((Map<String, Object>) OwnedVariablesGuard.field(form, SubmitStartFormCmd.class, "variables"))
                .containsKey("incidentNumber");

        ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) ProcessInstantiationBuilderImpl
                .createProcessInstanceByKey(null, "IncidentHandling");
        builder.setVariable("restorationDue", "2099-01-01");
        StartProcessInstanceCmd start = new StartProcessInstanceCmd(builder);
        ProcessInstantiationBuilderImpl read = OwnedVariablesGuard.field(start, StartProcessInstanceCmd.class,
                "instantiationBuilder");
        assertThat(read.getProcessDefinitionKey()).isEqualTo("IncidentHandling");
        assertThat(read.getVariables()).containsKey("restorationDue");
    }
}
