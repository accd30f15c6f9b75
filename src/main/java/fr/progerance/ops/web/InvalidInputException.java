package fr.progerance.ops.web;

import java.util.List;

/**
 * Thrown by domain services when input breaks a business rule; answered as 400 naming each
 * field. Nothing is saved when it is thrown inside a transaction.
 */
public class InvalidInputException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    private static String summary(List<FieldProblem> problems) {
        StringBuilder sb = new StringBuilder("Invalid input:");
        for (FieldProblem p : problems) {
            sb.append(' ').append(p.field()).append(" (").append(p.message()).append(')');
        }
        return sb.toString();
    }
}
