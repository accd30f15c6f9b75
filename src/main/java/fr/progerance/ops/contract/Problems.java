package fr.progerance.ops.contract;

import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects every problem of one request, Bean Validation's and the domain's, so that the caller
 * hears about all of them at once; {@link #throwIfAny()} answers 400 before anything is written.
 */
final class Problems {

    private final List<FieldProblem> list = new ArrayList<>();

    /** Starts with the Bean Validation violations of a request record (may be null: then "body" is reported). */
    static Problems validate(Validator validator, Object request) {
        Problems problems = new Problems();
        if (request == null) {
            problems.add("body", "is missing");
            return problems;
        }
        for (ConstraintViolation<Object> v : validator.validate(request)) {
            problems.add(path(v.getPropertyPath()), v.getMessage());
        }
        return problems;
    }

    void add(String field, String message) {
        FieldProblem problem = new FieldProblem(field, message);
        if (!list.contains(problem)) {
            list.add(problem);
        }
    }

    void add(String field, Optional<String> message) {
        message.ifPresent(m -> add(field, m));
    }

    /** True when the field (or one of its children) already has a problem: later checks on it are moot. */
    boolean has(String field) {
        return list.stream().anyMatch(p -> p.field().equals(field) || p.field().startsWith(field + ".")
                || p.field().startsWith(field + "["));
    }

    /** True when the field has no problem yet and has a value worth checking further. */
    boolean isClean(String field, Object value) {
        return value != null && !has(field);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<FieldProblem> list() {
        return List.copyOf(list);
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InvalidInputException(list);
        }
    }

    /** {@code emergencyProcedure.steps[2]}, {@code billingAddress.city}: the JSON path of the bad value. */
    static String path(Path propertyPath) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : propertyPath) {
            if (node.isInIterable()) {
                sb.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(node.getName());
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
