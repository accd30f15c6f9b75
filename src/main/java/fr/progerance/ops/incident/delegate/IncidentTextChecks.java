package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.engine.TaskCompletion;
import fr.progerance.ops.engine.TaskCompletionCheck;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentHandlingProcess.Version1;
import fr.progerance.ops.web.TextRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Issue 7 (6): the free text ops write in the IncidentHandling forms, checked before the completion
 * runs, whoever sends it (Tasklist, {@code /engine-rest}, the Java API): text, at most as long as
 * the form allows, without NUL, ESC or other control characters ({@link TextRules}); the notes may
 * span lines, the choices sent as text may not. A refusal keeps the task open and names the field
 * (Tasklist shows it on the form, the REST API answers 400). The start form's summary and source
 * are checked where the report is registered ({@code RegisterIncidentDelegate}).
 */
@Component
public class IncidentTextChecks implements TaskCompletionCheck {

    /** The longest value a choice sent as text may have (a select's value, such as RESTORE_BACKUP). */
    static final int CHOICE_MAX_LENGTH = 64;

    /** A text field of a task's form: its variable, its maximum length, and whether it spans lines. */
    record TextField(String name, int maxLength, boolean multiLine) {

        static TextField note(String name, int maxLength) {
            return new TextField(name, maxLength, true);
        }

        static TextField choice(String name) {
            return new TextField(name, CHOICE_MAX_LENGTH, false);
        }
    }

    /** Per task, the text fields its form lets ops write (lengths as the forms' {@code maxLength}). */
    static final Map<String, List<TextField>> FIELDS = Map.of(
            Elements.TAKE_CHARGE, List.of(TextField.note(Vars.TAKE_CHARGE_NOTES, 2000)),
            Elements.COORDINATE_HOSTER, List.of(TextField.note(Vars.HOSTER_NOTES, 2000)),
            Version1.PREPARE_QUOTE, List.of(TextField.note(Vars.QUOTE_DESCRIPTION, 1000)),
            Elements.CHOOSE_REMEDIATION, List.of(TextField.note(Vars.DECISION_DESCRIPTION, 1000),
                    TextField.choice(Vars.SERVICE_NAME), TextField.choice(Vars.DECISION_ACTION)),
            Elements.CARRY_OUT_ACTION, List.of(TextField.note(Vars.ACTION_NOTES, 2000)),
            Elements.CONFIRM_RESTORATION, List.of(TextField.note(Vars.RESTORATION_NOTES, 2000)),
            Elements.LIFT_FORCE_MAJEURE, List.of(TextField.note(Vars.FORCE_MAJEURE_NOTES, 1000)));

    @Override
    public String processKey() {
        return IncidentHandlingProcess.KEY;
    }

    @Override
    public void check(TaskCompletion completion) {
        for (TextField field : FIELDS.getOrDefault(completion.taskKey(), List.of())) {
            problem(field, completion.value(field.name())).ifPresent(problem -> {
                throw new FormRefusal(field.name() + " " + problem);
            });
        }
    }

    static Optional<String> problem(TextField field, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            return Optional.of("must be text");
        }
        return TextRules.problem(text, field.multiLine(), field.maxLength());
    }
}
