package fr.progerance.ops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the dashboard-queries test finds panel queries and gives Grafana's variables their values. */
class GrafanaDashboardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final GrafanaDashboards.LabelValues PROMETHEUS = (label, selector) -> {
        assertThat(label).isEqualTo("infrastructure");
        assertThat(selector).isEqualTo("ops_incidents_open");
        return List.of("PROGERANCE", "TIERCE");
    };

    @Test
    @DisplayName("Every dashboard file has Prometheus queries, each named by file and panel")
    void queriesComeFromTheFiles() throws Exception {
        List<GrafanaDashboards.Query> queries = GrafanaDashboards.queries();
        assertThat(GrafanaDashboards.files()).isNotEmpty().allSatisfy(file -> assertThat(queries)
                .anyMatch(q -> q.file().endsWith(file.getFileName().toString())));
        assertThat(queries).allSatisfy(q -> {
            assertThat(q.panel()).isNotBlank();
            assertThat(q.expr()).isNotBlank();
        });
    }

    @Test
    @DisplayName("Rows' panels count, and targets of other data sources are left out")
    void nestedPanelsAndOtherSources() throws Exception {
        JsonNode dashboard = JSON.readTree("""
                {"panels": [
                  {"type": "row", "title": "Backups", "panels": [
                    {"title": "Last backup", "targets": [{"refId": "A", "expr": "ops_backup_last_success"}]}]},
                  {"title": "Logs", "datasource": {"type": "loki"}, "targets": [{"refId": "A", "expr": "{job=\\"x\\"}"}]},
                  {"title": "Mixed", "datasource": {"type": "prometheus"}, "targets": [
                    {"refId": "A", "expr": "up"}, {"refId": "B", "datasource": {"type": "__expr__"}, "expression": "$A"}]}
                ]}""");
        assertThat(GrafanaDashboards.queries("d.json", dashboard)).map(q -> q.panel() + "=" + q.expr())
                .containsExactly("Last backup=ops_backup_last_success", "Mixed=up");
    }

    @Test
    @DisplayName("Grafana's built-in variables get values; PromQL's own $1 is left alone")
    void builtIns() throws Exception {
        Map<String, String> vars = GrafanaDashboards.variables(JSON.readTree("{\"time\": {\"from\": \"now-7d\"}}"),
                PROMETHEUS);
        assertThat(GrafanaDashboards.interpolate("sum(rate(x[$__rate_interval])) / increase(y[$__range]) * $__range_s",
                vars)).isEqualTo("sum(rate(x[1m])) / increase(y[604800s]) * 604800");
        assertThat(GrafanaDashboards.interpolate("label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")", vars))
                .isEqualTo("label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")");
    }

    @Test
    @DisplayName("Template variables: saved value, custom options, label_values from Prometheus, All as a regex")
    void templateVariables() throws Exception {
        JsonNode dashboard = JSON.readTree("""
                {"templating": {"list": [
                  {"name": "level", "type": "custom", "query": "1,2"},
                  {"name": "deadline", "type": "custom", "query": "intervention,restoration",
                   "current": {"value": "restoration"}},
                  {"name": "infra", "type": "query", "query": {"query": "label_values(ops_incidents_open, infrastructure)"}},
                  {"name": "infras", "type": "query", "query": "label_values(ops_incidents_open, infrastructure)",
                   "includeAll": true, "multi": true, "current": {"value": ["$__all"]}},
                  {"name": "window", "type": "interval", "query": "5m,1h"}
                ]}}""");
        Map<String, String> vars = GrafanaDashboards.variables(dashboard, PROMETHEUS);
        assertThat(GrafanaDashboards.interpolate(
                "x{level=\"$level\", deadline=\"${deadline}\", i=\"[[infra]]\", all=~\"${infras:regex}\"}[$window]", vars))
                .isEqualTo("x{level=\"1\", deadline=\"restoration\", i=\"PROGERANCE\", all=~\"(PROGERANCE|TIERCE)\"}[5m]");
        assertThatThrownBy(() -> GrafanaDashboards.interpolate("x{a=\"$nowhere\"}", vars))
                .hasMessageContaining("$nowhere");
    }
}
