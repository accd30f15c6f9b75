package fr.progerance.ops.web;

import java.util.List;

/**
 * Answered as 409: the input is well formed but the record's state forbids the change
 * (for example activating a TIERCE contract whose prerequisites are not all checked, R3.4).
 */
public class ConflictException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public ConflictException(String message, List<FieldProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
