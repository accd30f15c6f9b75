package fr.progerance.ops.backup.restore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The scratch MariaDB server of the restore drill, through the {@code mysql} client started with
 * {@link ProcessBuilder} (never a shell string): {@code mysql --defaults-file=<ops.backup.drill.defaults-file>
 * --batch --skip-column-names ...}. The option file holds the server and its credentials (DESIGN
 * rule 6: no password on a command line). Every database name is {@code <scratch-prefix><digits>},
 * checked here again before it reaches SQL. The real-MariaDB test comes at merge (MariaDbServer peer).
 */
@Component
public class MysqlScratchDatabase implements ScratchDatabase {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,63}");
    private static final int STDERR_LIMIT = 4096;

    private final RestoreDrillSettings settings;

    public MysqlScratchDatabase(RestoreDrillSettings settings) {
        this.settings = settings;
    }

    @Override
    public void recreate(String database) {
        String q = quoted(database);
        run("DROP DATABASE IF EXISTS " + q + "; CREATE DATABASE " + q + " CHARACTER SET utf8mb4");
    }

    @Override
    public void drop(String database) {
        run("DROP DATABASE IF EXISTS " + quoted(database));
    }

    @Override
    public Map<String, Long> countRows(String database) {
        quoted(database);
        List<String> tables = new ArrayList<>();
        for (String line : run("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + database
                + "' AND table_type = 'BASE TABLE' ORDER BY table_name").split("\n")) {
            if (!line.isBlank()) {
                tables.add(line);
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            String out = run("SELECT COUNT(*) FROM " + quoted(database) + "." + identifier(table)).strip();
            counts.put(table, Long.parseLong(out));
        }
        return counts;
    }

    @Override
    public Load load(String database) {
        quoted(database);
        Process process = start(List.of("--database=" + database));
        StderrReader stderr = new StderrReader(process.getErrorStream());
        stderr.start();
        OutputStream stdin = process.getOutputStream();
        return new Load() {
            @Override
            public void write(int b) throws IOException {
                stdin.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stdin.write(b, off, len);
            }

            @Override
            public void close() {
                try {
                    stdin.close();
                } catch (IOException e) {
                    // the exit status says what happened
                }
                finish(process, stderr, "load into " + database);
            }

            @Override
            public void abort() {
                process.destroyForcibly();
            }
        };
    }

    private String run(String sql) {
        Process process = start(List.of("-e", sql));
        StderrReader stderr = new StderrReader(process.getErrorStream());
        stderr.start();
        String out;
        try (InputStream in = process.getInputStream()) {
            process.getOutputStream().close();
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("mysql: could not read its output", e);
        }
        finish(process, stderr, "mysql -e");
        return out;
    }

    private Process start(List<String> args) {
        Path defaults = settings.getDefaultsFile();
        if (defaults == null || !Files.isReadable(defaults)) {
            throw new RestorePorts.MissingPort("MariaDB option file for the drill (ops.backup.drill.defaults-file"
                    + (defaults == null ? " is not set" : " " + defaults + " is not readable") + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(settings.getMysqlCommand());
        // must be the first option
        command.add("--defaults-file=" + defaults.toAbsolutePath());
        command.add("--batch");
        command.add("--skip-column-names");
        command.add("--default-character-set=utf8mb4");
        command.addAll(args);
        try {
            return new ProcessBuilder(command).redirectOutput(args.contains("-e") ? ProcessBuilder.Redirect.PIPE
                    : ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + settings.getMysqlCommand(), e);
        }
    }

    private void finish(Process process, StderrReader stderr, String what) {
        try {
            if (!process.waitFor(settings.getTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + ": no end within " + settings.getTimeout());
            }
            stderr.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(what + ": interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(what + ": mysql exited with status " + process.exitValue() + ": "
                    + stderr.text().strip());
        }
    }

    /** {@code `name`}, for a scratch database name only. */
    private String quoted(String database) {
        if (database == null || !NAME.matcher(database).matches() || !database.startsWith(settings.getScratchPrefix())) {
            throw new IllegalArgumentException("Not a scratch database name: '" + database + "'");
        }
        return "`" + database + "`";
    }

    /** A table name as MariaDB listed it, quoted as an identifier. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** Reads the start of standard error so the client never blocks on a full pipe. */
    private static final class StderrReader extends Thread {

        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        StderrReader(InputStream in) {
            super("mysql-stderr");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    synchronized (kept) {
                        if (kept.size() < STDERR_LIMIT) {
                            kept.write(buffer, 0, Math.min(n, STDERR_LIMIT - kept.size()));
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
