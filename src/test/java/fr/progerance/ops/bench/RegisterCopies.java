package fr.progerance.ops.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Copies register rows with JDBC batches, for benchmarks that need thousands of clients: creating
 * them through the HTTP API would take longer than what is measured. Each copy starts from a row
 * the API wrote (the template), so every column, check and version column of the table (Flyway's
 * V1__contract_register.sql and later migrations) gets a value the application itself wrote; the
 * caller only replaces the columns that identify the copy (names, references, foreign keys). The
 * identity column is left to the database.
 */
final class RegisterCopies {

    private static final int BATCH = 1_000;

    private final JdbcTemplate jdbc;

    RegisterCopies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The template row: column name (upper case) to value, without its id. */
    Map<String, Object> row(String table, long id) {
        return withoutId(jdbc.queryForMap("select * from " + table + " where id = ?", id));
    }

    /** The template rows of {@code table} whose {@code column} is {@code value}, by id, without their ids. */
    List<Map<String, Object>> rows(String table, String column, long value) {
        return jdbc.queryForList("select * from " + table + " where " + column + " = ? order by id", value).stream()
                .map(RegisterCopies::withoutId).toList();
    }

    /**
     * Inserts {@code count} copies of {@code template}; copy {@code i} takes the values of
     * {@code changes.apply(i)} (column names, any case) instead of the template's.
     */
    void insert(String table, Map<String, Object> template, int count, IntFunction<Map<String, Object>> changes) {
        List<String> columns = new ArrayList<>(template.keySet());
        String sql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        List<Object[]> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < count; i++) {
            Map<String, Object> values = new LinkedHashMap<>(template);
            changes.apply(i).forEach((column, value) -> {
                String key = column.toUpperCase(Locale.ROOT);
                if (!values.containsKey(key)) {
                    throw new IllegalArgumentException(table + " has no column " + column);
                }
                values.put(key, value);
            });
            batch.add(columns.stream().map(values::get).toArray());
            if (batch.size() == BATCH) {
                jdbc.batchUpdate(sql, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(sql, batch);
        }
    }

    /** The ids of the rows whose {@code column} is one of the keys, in the order of the keys. */
    List<Long> ids(String table, String column, String likePattern, List<String> keys) {
        Map<String, Long> byKey = new LinkedHashMap<>();
        jdbc.query("select id, " + column + " from " + table + " where " + column + " like ?",
                rs -> {
                    byKey.put(rs.getString(2), rs.getLong(1));
                }, likePattern);
        List<Long> ids = new ArrayList<>(keys.size());
        for (String key : keys) {
            Long id = byKey.get(key);
            if (id == null) {
                throw new IllegalStateException(table + ": no row with " + column + " = " + key);
            }
            ids.add(id);
        }
        return ids;
    }

    private static Map<String, Object> withoutId(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            String key = column.toUpperCase(Locale.ROOT);
            if (!key.equals("ID")) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
