package fr.progerance.ops.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The PromQL queries of the provisioned Grafana dashboards ({@code dashboards/grafana/dashboards/*.json}),
 * found in the files (every panel, rows' panels too) and made ready to send to Prometheus as Grafana
 * would: its built-in variables ({@code $__rate_interval}, {@code $__range}, ...) and the dashboard's
 * template variables get sensible values.
 */
final class GrafanaDashboards {

    static final Path DIRECTORY = Path.of("dashboards/grafana/dashboards");

    /** What Grafana's {@code $__rate_interval} and {@code $__interval} become (well above the tests' 1 s scrapes). */
    static final String INTERVAL = "1m";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{([A-Za-z_]\\w*)(?::[^}]*)?}|\\[\\[([A-Za-z_]\\w*)(?::[^]]*)?]]|\\$([A-Za-z_]\\w*)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\(\\s*(?:(.+?)\\s*,\\s*)?(\\w+)\\s*\\)\\s*$");
    private static final Pattern RELATIVE_FROM = Pattern.compile("^now-(\\d+)([smhdwy])$");

    /** Where a query variable's {@code label_values(...)} come from (Prometheus in the tests). */
    @FunctionalInterface
    interface LabelValues {

        /** The values of {@code label} on the series matching {@code selector} (null: all series). */
        List<String> of(String label, String selector) throws IOException;
    }

    /** One target of one panel. */
    record Query(String file, String panel, String refId, String expr, JsonNode dashboard) {

        @Override
        public String toString() {
            return file + ", panel '" + panel + "' (" + refId + "): " + expr;
        }
    }

    private GrafanaDashboards() {
    }

    /** Every dashboard file, sorted. */
    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every Prometheus query of every panel of every dashboard file. */
    static List<Query> queries() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (Path file : files()) {
            queries.addAll(queries(DIRECTORY.resolve(file.getFileName()).toString(), JSON.readTree(file.toFile())));
        }
        return queries;
    }

    /** The Prometheus queries of one dashboard. */
    static List<Query> queries(String file, JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        collect(file, dashboard, dashboard.path("panels"), queries);
        return queries;
    }

    private static void collect(String file, JsonNode dashboard, JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            collect(file, dashboard, panel.path("panels"), into); // a collapsed row keeps its panels
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank() && isPrometheus(target.path("datasource"), panel.path("datasource"))) {
                    into.add(new Query(file, panel.path("title").asText(), target.path("refId").asText(), expr,
                            dashboard));
                }
            }
        }
    }

    private static boolean isPrometheus(JsonNode targetSource, JsonNode panelSource) {
        JsonNode source = targetSource.isMissingNode() || targetSource.isNull() ? panelSource : targetSource;
        return !source.isObject() || !source.has("type") || "prometheus".equals(source.path("type").asText());
    }

    /** {@code expr} with every Grafana variable replaced; an undefined variable is an error. */
    static String interpolate(String expr, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = variables.get(name);
            if (value == null) {
                throw new IllegalArgumentException("undefined Grafana variable $" + name + " in " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The values the variables of {@code dashboard} take: Grafana's built-ins (the range is the
     * dashboard's default time range) and its template variables, in their order (a variable may use
     * the ones before it): the current value when one is saved, otherwise the first option, or all
     * values when the variable offers "All".
     */
    static Map<String, String> variables(JsonNode dashboard, LabelValues labels) throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        long rangeSeconds = rangeSeconds(dashboard.path("time").path("from").asText("now-1h"));
        vars.put("__rate_interval", INTERVAL);
        vars.put("__interval", INTERVAL);
        vars.put("__interval_ms", "60000");
        vars.put("__range", rangeSeconds + "s");
        vars.put("__range_s", String.valueOf(rangeSeconds));
        vars.put("__range_ms", String.valueOf(rangeSeconds * 1000));
        for (JsonNode v : dashboard.path("templating").path("list")) {
            vars.put(v.path("name").asText(), value(v, vars, labels));
        }
        return vars;
    }

    private static String value(JsonNode variable, Map<String, String> vars, LabelValues labels) throws IOException {
        String name = variable.path("name").asText();
        String type = variable.path("type").asText("query");
        if (type.equals("datasource")) {
            return "prometheus";
        }
        List<String> current = texts(variable.path("current").path("value"));
        if (!current.isEmpty() && !current.contains("$__all")) {
            return regexOrSingle(current);
        }
        boolean all = current.contains("$__all") || variable.path("includeAll").asBoolean(false);
        String allValue = variable.path("allValue").asText("");
        if (all && !allValue.isBlank()) {
            return allValue;
        }
        List<String> options = new ArrayList<>();
        for (JsonNode o : variable.path("options")) {
            String v = o.path("value").asText("");
            if (!v.isEmpty() && !v.equals("$__all")) {
                options.add(v);
            }
        }
        String query = variable.path("query").isObject() ? variable.path("query").path("query").asText("")
                : variable.path("query").asText("");
        if (options.isEmpty()) {
            options = switch (type) {
                case "constant", "textbox" -> List.of(query);
                case "custom", "interval" -> Stream.of(query.split(","))
                        .map(o -> o.contains(" : ") ? o.substring(o.indexOf(" : ") + 3) : o)
                        .map(String::trim).filter(o -> !o.isEmpty()).toList();
                case "query" -> labelValues(name, interpolate(query, vars), labels);
                default -> throw new IllegalArgumentException("Grafana variable $" + name + " of type " + type
                        + ": GrafanaDashboards does not know what value to give it yet");
            };
        }
        if (options.isEmpty()) {
            throw new IllegalArgumentException("Grafana variable $" + name + " has no value (query: " + query + ")");
        }
        return all ? regexOrSingle(options) : options.get(0);
    }

    private static List<String> labelValues(String name, String query, LabelValues labels) throws IOException {
        Matcher m = LABEL_VALUES.matcher(query);
        if (!m.matches()) {
            throw new IllegalArgumentException("Grafana variable $" + name + ": only label_values(...) queries are "
                    + "resolved by the tests, not " + query);
        }
        return labels.of(m.group(2), m.group(1));
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (node.isValueNode() && !node.asText().isEmpty()) {
            texts.add(node.asText());
        }
        return texts;
    }

    /** One value as is; several as Grafana formats a multi-value for Prometheus: an escaped regex alternation. */
    private static String regexOrSingle(List<String> values) {
        if (values.size() == 1) {
            return values.get(0);
        }
        return values.stream().map(v -> v.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\\\\\$0"))
                .collect(Collectors.joining("|", "(", ")"));
    }

    private static long rangeSeconds(String from) {
        Matcher m = RELATIVE_FROM.matcher(from);
        if (!m.matches()) {
            return 3600;
        }
        long n = Long.parseLong(m.group(1));
        return n * switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            case "w" -> 7 * 86_400;
            default -> 365 * 86_400;
        };
    }
}
