package fr.progerance.ops.engine;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task completion or a start form refused with a reason a person can act on (a missing cause,
 * an action R4.3-t5 (3) forbids, a variable the task does not own). Nothing is saved and the task
 * stays open; Tasklist shows the message on the form, and Camunda's REST API answers 400 on
 * {@code /complete} and {@code /submit-form} for this type.
 */
public class FormRefusal extends FormFieldValidationException {

    private static final long serialVersionUID = 1L;

    public FormRefusal(String message) {
        super(null, message);
    }
}
