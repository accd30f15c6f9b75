package fr.progerance.ops.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import fr.progerance.ops.web.FieldProblem;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the expressions a request carries, so that none reaches the engine (issue 7, section 1):
 * a key or parameter name ending in {@code Expression} (any case), and {@code ${} or {@code #{}
 * (JUEL's immediate and deferred expression starts) in any name or value, at any depth of a JSON
 * body (nested objects, arrays, {@code orQueries}, several root values), in the query string and in
 * a form body, after decoding ({@code \u0024{} in JSON, {@code %24%7B} in a URL).
 *
 * <p>One narrow allowance, {@link Allowance#STORED_FILTER}: the definition of a stored Tasklist
 * filter ({@code query} and {@code query.orQueries[i]} of {@code POST filter/create} and
 * {@code PUT filter/{id}}) may name the caller's identity with exactly {@code ${currentUser()}} or
 * {@code ${currentUserGroups()}}, what Tasklist's own filters hold. Those two calls take no argument
 * and can do nothing else; only administrators may write filters (Camunda authorizations).
 *
 * <p>Plain logic, no servlet API: {@link ExpressionGuard} feeds it what it buffered.
 */
final class ExpressionScanner {

    /** At most this many problems are reported: a huge body must not make a huge answer. */
    static final int MAX_PROBLEMS = 20;
    /** Names are quoted up to this length in answers and logs. */
    static final int MAX_QUOTED = 80;

    static final String KEY_PROBLEM =
            "a name ending in 'Expression' asks the engine to evaluate an expression: refused";
    static final String VALUE_PROBLEM =
            "contains '${' or '#{', the start of an expression: refused";

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> IDENTITY_EXPRESSIONS = Set.of("${currentUser()}", "${currentUserGroups()}");

    /** Which expressions, if any, a request may carry. */
    enum Allowance {
        /** None at all: every request but a stored filter's definition. */
        NONE,
        /** Tasklist's identity expressions in a stored filter's query and its or-queries. */
        STORED_FILTER;

        boolean permits(String objectPath, String key, String value) {
            return this == STORED_FILTER && isExpressionKey(key) && IDENTITY_EXPRESSIONS.contains(value)
                    && (objectPath.equals("query") || objectPath.matches("query\\.orQueries\\[\\d+]"));
        }
    }

    /** What a scan found: expressions, and parts that could not be read at all. */
    static final class Findings {

        private final Set<FieldProblem> expressions = new LinkedHashSet<>();
        private final Set<FieldProblem> unreadable = new LinkedHashSet<>();

        void expression(String field, String message) {
            if (expressions.size() < MAX_PROBLEMS) {
                expressions.add(new FieldProblem(quote(field), message));
            }
        }

        void unreadable(String field, String message) {
            if (unreadable.size() < MAX_PROBLEMS) {
                unreadable.add(new FieldProblem(quote(field), message));
            }
        }

        boolean hasExpressions() {
            return !expressions.isEmpty();
        }

        boolean isUnreadable() {
            return !unreadable.isEmpty();
        }

        List<FieldProblem> expressions() {
            return List.copyOf(expressions);
        }

        List<FieldProblem> unreadable() {
            return List.copyOf(unreadable);
        }
    }

    private ExpressionScanner() {
    }

    static boolean isExpressionKey(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith("expression");
    }

    static boolean containsExpression(String text) {
        return text.contains("${") || text.contains("#{");
    }

    /** A request path (already percent-decoded by the container) that holds an expression. */
    static void scanPath(String decodedPath, Findings findings) {
        if (decodedPath != null && containsExpression(decodedPath)) {
            findings.expression("(path)", VALUE_PROBLEM);
        }
    }

    /**
     * A query string or form body: {@code name=value} pairs joined by {@code &}, percent-encoded
     * ({@code +} is a space). A pair that does not decode is unreadable.
     */
    static void scanPairs(String encoded, Charset charset, Findings findings) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String name;
            String value;
            try {
                name = URLDecoder.decode(rawName, charset);
                value = URLDecoder.decode(rawValue, charset);
            } catch (IllegalArgumentException e) {
                findings.unreadable(rawName, "is not valid percent-encoding");
                continue;
            }
            scanParameter(name, List.of(value), findings);
        }
    }

    /** Parameters already decoded (a form the container parsed). */
    static void scanParameters(Map<String, String[]> parameters, Findings findings) {
        parameters.forEach((name, values) -> scanParameter(name, List.of(values), findings));
    }

    private static void scanParameter(String name, List<String> values, Findings findings) {
        if (isExpressionKey(name)) {
            findings.expression(name, KEY_PROBLEM);
        } else if (containsExpression(name) || values.stream().anyMatch(ExpressionScanner::containsExpression)) {
            findings.expression(name, VALUE_PROBLEM);
        }
    }

    /**
     * Every token of a JSON body, whatever its encoding (Jackson detects UTF-8, -16 and -32 as the
     * engine's reader does), including every root value when there are several. Returns false when
     * the body is not JSON; what was read before the error has been scanned.
     */
    static boolean scanJson(byte[] body, Allowance allowance, Findings findings) {
        Deque<Frame> frames = new ArrayDeque<>();
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> {
                        Frame object = frames.peek();
                        object.name = parser.currentName();
                        if (containsExpression(object.name)) {
                            findings.expression(object.childPath(object.name), VALUE_PROBLEM);
                        }
                    }
                    case END_OBJECT, END_ARRAY -> frames.pop();
                    case START_OBJECT, START_ARRAY -> {
                        String path = valuePath(frames);
                        checkKey(frames.peek(), path, null, allowance, findings);
                        frames.push(new Frame(token == JsonToken.START_ARRAY, path));
                    }
                    default -> {
                        String path = valuePath(frames);
                        String text = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                        if (!checkKey(frames.peek(), path, text, allowance, findings)
                                && text != null && containsExpression(text)) {
                            findings.expression(path, VALUE_PROBLEM);
                        }
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the value's key is an expression key (refused unless the allowance permits it). */
    private static boolean checkKey(Frame parent, String path, String text, Allowance allowance, Findings findings) {
        if (parent == null || parent.array || !isExpressionKey(parent.name)) {
            return false;
        }
        if (text == null || !allowance.permits(parent.path, parent.name, text)) {
            findings.expression(path, KEY_PROBLEM);
        }
        return true;
    }

    private static String valuePath(Deque<Frame> frames) {
        Frame parent = frames.peek();
        if (parent == null) {
            return "(body)";
        }
        if (parent.array) {
            return parent.path + "[" + parent.index++ + "]";
        }
        return parent.childPath(parent.name);
    }

    static String quote(String text) {
        String printable = text.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= MAX_QUOTED ? printable : printable.substring(0, MAX_QUOTED) + "...";
    }

    /** An object or array being read, with its path in the API's field style ({@code a.b[2].c}). */
    private static final class Frame {

        final boolean array;
        final String path;
        int index;
        String name;

        Frame(boolean array, String path) {
            this.array = array;
            this.path = path;
        }

        String childPath(String child) {
            return path.equals("(body)") ? child : path + "." + child;
        }
    }

    /** The charset of a form body: the request's, UTF-8 when it names none. */
    static Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
