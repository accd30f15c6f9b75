package fr.progerance.ops.web;

import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of an {@code /api} call into an {@link ApiError} whose problems name the
 * bad fields or parameters. Input errors never leak stack traces or half-saved state: services
 * validate before they write, inside one transaction.
 */
@RestControllerAdvice(basePackages = "fr.progerance.ops")
public class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** Problems listed in one answer; a request with more hears how many more there are. */
    static final int MAX_PROBLEMS = 20;
    private static final int MAX_FIELD_LENGTH = 100;

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ApiError> invalid(InvalidInputException e) {
        return badRequest(e.problems());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError fe : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(fe.getField(), fe.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(ge -> problems.add(new FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
        return badRequest(problems);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException e) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> {
            String name = r.getMethodParameter().getParameterName();
            r.getResolvableErrors().forEach(err -> problems.add(new FieldProblem(name, err.getDefaultMessage())));
        });
        return badRequest(problems);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> problems = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return badRequest(problems);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return badRequest(List.of(new FieldProblem(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return badRequest(List.of(new FieldProblem(e.getName(), Excerpt.quoted(e.getValue()) + " is not " + expected)));
    }

    /** A body that is not strictly the JSON expected ({@link StrictJson}): the field named by its JSON path. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return badRequest(List.of(JsonProblems.of(e.getCause())));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage(), List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, "No such resource: /" + e.getResourcePath(), List.of());
    }

    /** Camunda's authorization checks refused the caller (e.g. a manager starting a process). */
    @ExceptionHandler(org.camunda.bpm.engine.AuthorizationException.class)
    ResponseEntity<ApiError> forbidden(org.camunda.bpm.engine.AuthorizationException e) {
        return error(HttpStatus.FORBIDDEN, e.getMessage(), List.of());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), List.of());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage(), e.problems());
    }

    private static ResponseEntity<ApiError> badRequest(List<FieldProblem> problems) {
        List<FieldProblem> sorted = problems.stream()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        LOG.debug("Rejected input: {}", sorted);
        return error(HttpStatus.BAD_REQUEST, "Invalid input", sorted);
    }

    /**
     * Every answer is bounded whatever was sent (issue 7): messages and field names are cut
     * ({@link Excerpt}), and at most {@value #MAX_PROBLEMS} problems are listed, then how many more.
     */
    private static ResponseEntity<ApiError> error(HttpStatus status, String message, List<FieldProblem> problems) {
        List<FieldProblem> bounded = new ArrayList<>();
        for (FieldProblem p : problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS))) {
            bounded.add(new FieldProblem(field(p.field()), Excerpt.message(p.message())));
        }
        if (problems.size() > MAX_PROBLEMS) {
            bounded.add(new FieldProblem("body", (problems.size() - MAX_PROBLEMS) + " more problems not listed"));
        }
        return ResponseEntity.status(status)
                .body(new ApiError(status.value(), status.getReasonPhrase(), Excerpt.message(message), bounded));
    }

    /** A field path is short (the longest in the register has about 40 characters); a sent key may not be. */
    private static String field(String field) {
        if (field == null || field.length() <= MAX_FIELD_LENGTH) {
            return field;
        }
        return field.substring(0, MAX_FIELD_LENGTH) + Excerpt.ELLIPSIS;
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder sb = new StringBuilder("one of ");
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return sb.toString();
        }
        return switch (type.getSimpleName()) {
            case "OffsetDateTime", "ZonedDateTime", "Instant" -> "an ISO-8601 date-time with offset";
            case "LocalDate" -> "an ISO-8601 date (yyyy-MM-dd)";
            case "BigDecimal", "Double", "double" -> "a decimal number";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            default -> "a valid " + type.getSimpleName();
        };
    }
}
