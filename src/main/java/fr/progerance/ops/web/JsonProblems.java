package fr.progerance.ops.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Issue 7 (5): what was wrong with a JSON body that {@link StrictJson} refused, as one problem
 * naming the JSON path of the field ({@code billingAddress.city}, {@code items[0].item}), or
 * {@code body} when the body as a whole is wrong. Messages say what was expected and what kind of
 * value came, never the value itself (it may be huge).
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** The problem of an unreadable body; {@code failure} is the converter's cause (may be null). */
    public static FieldProblem of(Throwable failure) {
        if (failure instanceof UnrecognizedPropertyException e) {
            return new FieldProblem(path(e), "is not a known field" + known(e.getKnownPropertyIds()));
        }
        if (failure instanceof MismatchedInputException e && e.getPath().isEmpty()) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                return new FieldProblem("body", "must be one JSON object with nothing after it");
            }
            return new FieldProblem("body", "must be a JSON object" + got(e));
        }
        if (failure instanceof JsonMappingException e && !e.getPath().isEmpty()) {
            String field = path(e);
            Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
            if (e.getCause() instanceof InputCoercionException coercion) {
                return new FieldProblem(field, "is out of range for " + describe(coercion.getTargetType()));
            }
            if (e.getCause() instanceof StreamConstraintsException) {
                return new FieldProblem(field, "is too long or too deeply nested");
            }
            if (e.getCause() instanceof JsonParseException) {
                return new FieldProblem(field, "is not valid JSON");
            }
            if (target == null) {
                return new FieldProblem(field, "has the wrong type or shape");
            }
            return new FieldProblem(field, "must be " + describe(target) + got(e));
        }
        if (failure instanceof StreamConstraintsException e) {
            return new FieldProblem(path(e), "is too long or too deeply nested");
        }
        if (failure instanceof JsonEOFException) {
            return new FieldProblem("body", "is incomplete JSON");
        }
        if (failure instanceof JsonParseException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Duplicate field")) {
                return new FieldProblem(path(e), "appears more than once");
            }
            return new FieldProblem(path(e), "is not valid JSON");
        }
        return new FieldProblem("body", "is missing or is not valid JSON");
    }

    /** {@code billingAddress.city}, {@code items[0].item}: the path of a mapping failure. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : shorten(sb.toString());
    }

    /** Where the parser stood when the text itself was wrong (a duplicate key, a syntax error). */
    private static String path(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "body";
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        path = path.startsWith(".") ? path.substring(1) : path;
        return path.isEmpty() ? "body" : shorten(path);
    }

    /** A path is named, not echoed: an unknown key may be long. */
    private static String shorten(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }

    /** What kind of JSON value came, when the parser still knows. */
    private static String got(JsonProcessingException e) {
        Object value = e instanceof InvalidFormatException ife ? ife.getValue() : null;
        String kind = value != null ? kind(value)
                : e.getProcessor() instanceof JsonParser parser ? kind(parser.currentToken()) : null;
        return kind == null ? "" : " (got " + kind + ")";
    }

    private static String kind(Object value) {
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Boolean) {
            return "true or false";
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return "a decimal number";
        }
        if (value instanceof Number) {
            return "a whole number";
        }
        return null;
    }

    private static String kind(JsonToken token) {
        if (token == null) {
            return null;
        }
        return switch (token) {
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> null;
        };
    }

    /** The expected JSON value for a Java type. */
    static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("exactly one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(((Enum<?>) constants[i]).name());
            }
            return sb.toString();
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return switch (type.getSimpleName()) {
            case "OffsetDateTime", "ZonedDateTime", "Instant" ->
                    "an ISO-8601 date-time with offset as text (e.g. 2026-04-03T17:30:00+02:00)";
            case "LocalDate" -> "an ISO-8601 date as text (yyyy-MM-dd)";
            default -> "a valid " + type.getSimpleName();
        };
    }

    private static String known(Collection<Object> known) {
        if (known == null || known.isEmpty() || known.size() > 20) {
            return "";
        }
        List<String> names = known.stream().map(String::valueOf).sorted().toList();
        return " (known: " + String.join(", ", names) + ")";
    }
}
