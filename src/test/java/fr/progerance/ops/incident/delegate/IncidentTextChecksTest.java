package fr.progerance.ops.incident.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.engine.TaskCompletion;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.delegate.IncidentTextChecks.TextField;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 7 (6): the free text of the IncidentHandling forms, checked whoever completes the task. */
class IncidentTextChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final IncidentTextChecks checks = new IncidentTextChecks();

    private static TaskCompletion completion(String taskKey, Map<String, Object> submitted) {
        return new TaskCompletion() {
            @Override
            public String taskId() {
                return "task-1";
            }

            @Override
            public String taskKey() {
                return taskKey;
            }

            @Override
            public String assignee() {
                return null;
            }

            @Override
            public Object value(String name) {
                return submitted.get(name);
            }
        };
    }

    @Test
    @DisplayName("Issue 7: every text field of every IncidentHandling task form is checked, as long as the form allows, multi-line when a textarea")
    void everyFormTextFieldIsChecked() throws IOException {
        Map<String, List<String>> expected = new TreeMap<>();
        Map<String, List<String>> checked = new TreeMap<>();
        for (UserTask task : Bpmn.readModelFromFile(new File(IncidentHandlingProcess.RESOURCE))
                .getModelElementsByType(UserTask.class)) {
            String formRef = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
            JsonNode form = JSON.readTree(Path.of("processes/incident", formRef + ".form").toFile());
            List<String> fields = new ArrayList<>();
            collect(form, fields);
            if (!fields.isEmpty()) {
                expected.put(task.getId(), fields);
            }
            List<String> ours = IncidentTextChecks.FIELDS.getOrDefault(task.getId(), List.of()).stream()
                    .filter(f -> f.maxLength() != IncidentTextChecks.CHOICE_MAX_LENGTH)
                    .map(f -> f.name() + (f.multiLine() ? " (lines) " : " ") + f.maxLength()).toList();
            if (!ours.isEmpty()) {
                checked.put(task.getId(), ours);
            }
        }
        assertThat(expected).as("the forms have free text").containsKeys(Elements.TAKE_CHARGE,
                Elements.LIFT_FORCE_MAJEURE);
        assertThat(checked).isEqualTo(expected);
    }

    /** Writable textfields and textareas: "name (lines) maxLength". */
    private static void collect(JsonNode container, List<String> fields) {
        for (JsonNode c : container.path("components")) {
            String type = c.path("type").asText();
            if ((type.equals("textfield") || type.equals("textarea")) && !c.path("disabled").asBoolean(false)
                    && !c.path("readonly").asBoolean(false)) {
                assertThat(c.at("/validate/maxLength").isInt()).as(c.path("key") + " has a maxLength").isTrue();
                fields.add(c.path("key").asText() + (type.equals("textarea") ? " (lines) " : " ")
                        + c.at("/validate/maxLength").asInt());
            }
            collect(c, fields);
        }
    }

    @Test
    @DisplayName("Issue 7: NUL, ESC and other control characters in a note are refused with the field named; line breaks are not")
    void notes() {
        for (String control : List.of("\u0000", "\u001B[2J", "\t", "\u007F", "\u0085", "\u2028", "\u202E")) {
            assertThatThrownBy(() -> checks.check(completion(Elements.TAKE_CHARGE,
                    Map.of(Vars.TAKE_CHARGE_NOTES, "Disque" + control + "plein"))))
                    .isInstanceOf(FormRefusal.class)
                    .hasMessageStartingWith(Vars.TAKE_CHARGE_NOTES + " must not contain control characters");
        }
        assertThatCode(() -> checks.check(completion(Elements.TAKE_CHARGE,
                Map.of(Vars.TAKE_CHARGE_NOTES, "Disque plein\r\nlogs purgés")))).doesNotThrowAnyException();
        assertThatThrownBy(() -> checks.check(completion(Elements.LIFT_FORCE_MAJEURE,
                Map.of(Vars.FORCE_MAJEURE_NOTES, "x".repeat(1001)))))
                .hasMessage(Vars.FORCE_MAJEURE_NOTES + " must be at most 1000 characters");
        assertThatThrownBy(() -> checks.check(completion(Elements.CONFIRM_RESTORATION,
                Map.of(Vars.RESTORATION_NOTES, 42)))).hasMessage(Vars.RESTORATION_NOTES + " must be text");
    }

    @Test
    @DisplayName("Issue 7: a choice sent as text is one short line")
    void choices() {
        Map<String, Object> values = new HashMap<>(Map.of(Vars.REMEDIATION_ACTION, "CLIENT_DECISION",
                Vars.DECISION_ACTION, "RESTORE_BACKUP\n", Vars.DECISION_DESCRIPTION, "Restaurer\nla sauvegarde"));
        assertThatThrownBy(() -> checks.check(completion(Elements.CHOOSE_REMEDIATION, values)))
                .hasMessageStartingWith(Vars.DECISION_ACTION + " must be one line");
        values.put(Vars.DECISION_ACTION, "RESTORE_BACKUP");
        values.put(Vars.SERVICE_NAME, "x".repeat(IncidentTextChecks.CHOICE_MAX_LENGTH + 1));
        assertThatThrownBy(() -> checks.check(completion(Elements.CHOOSE_REMEDIATION, values)))
                .hasMessageStartingWith(Vars.SERVICE_NAME + " must be at most");
        values.remove(Vars.SERVICE_NAME);
        assertThatCode(() -> checks.check(completion(Elements.CHOOSE_REMEDIATION, values))).doesNotThrowAnyException();
        assertThat(IncidentTextChecks.FIELDS.get(Elements.CHOOSE_REMEDIATION)).extracting(TextField::name)
                .contains(Vars.SERVICE_NAME, Vars.DECISION_ACTION);
    }
}
