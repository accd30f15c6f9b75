package fr.progerance.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MariaDB server for tests (DESIGN rule 10), from the Debian packages {@code mariadb-server}
 * and {@code mariadb-client} ({@code ./run-tests} installs them). One server per test JVM, shared by
 * every test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MariaDbServer MARIADB = MariaDbServer.shared();
 * }</pre>
 *
 * It gets a fresh data directory under the system temp directory, listens on 127.0.0.1 only, on a free
 * port, and runs as an unprivileged user: {@code mysql} (created by the Debian package) when the tests
 * run as root, as CI does, otherwise the current user. A test account with a random password has every
 * right; clients reach it with {@link #clientConfig()} ({@code --defaults-file}), or a copy of it as
 * a {@code ~/.my.cnf} ({@link #writeClientConfig(Path)}). The server stops and its files go at JVM exit.
 * Without MariaDB installed, the first use fails with a message saying what to install (no skip).
 *
 * <p>Helpers run the {@code mysql} client: {@link #execute}, {@link #query}, {@link #rowCounts},
 * {@link #tableChecksums}, and {@link #loadPrestaShopFixture} for a small shop-like schema.
 */
public final class MariaDbServer implements BeforeAllCallback {

    /** The test account. */
    public static final String USER = "ops_test";

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final String FIXTURE = "/backup/prestashop-fixture.sql";
    private static final MariaDbServer SHARED = new MariaDbServer();

    private Path base;
    private Path clientConfig;
    private int port;
    private Process process;

    private MariaDbServer() {
    }

    /** The JVM's server (started on first use). */
    public static MariaDbServer shared() {
        return SHARED;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    /** Starts the server unless it runs; returns this. */
    public synchronized MariaDbServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        Path mariadbd = program("mariadbd", "/usr/sbin/mariadbd", "/usr/sbin/mysqld");
        Path installDb = program("mariadb-install-db", "/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db");
        program("mysql", "/usr/bin/mysql");
        try {
            base = Files.createTempDirectory("ops-mariadb-");
            Path data = base.resolve("data");
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> runAs = new ArrayList<>();
            if (root) {
                // mariadbd refuses to run as root; the Debian package's unprivileged user owns the files.
                run(List.of("chown", "mysql:mysql", base.toString()), null, "give the data directory to mysql");
                runAs.add("--user=mysql");
            }
            List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults",
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--datadir=" + data));
            install.addAll(runAs);
            run(install, null, "initialise the data directory");
            port = freePort();
            List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults",
                    "--datadir=" + data, "--socket=" + socket(), "--pid-file=" + base.resolve("mariadbd.pid"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--skip-networking=0",
                    "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                    "--innodb-buffer-pool-size=32M", "--skip-name-resolve", "--log-error=" + base.resolve("error.log")));
            command.addAll(runAs);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(base.resolve("console.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "mariadb-test-server-stop"));
            awaitReady();
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            rootSql("CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
                    + " GRANT ALL ON *.* TO '" + USER + "'@'127.0.0.1' WITH GRANT OPTION;");
            clientConfig = writeClientConfig(base.resolve("client.cnf"), password);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test MariaDB server in " + base, e);
        }
    }

    /** Stops the server and deletes its files. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy(); // SIGTERM: a clean shutdown
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (base != null) {
            deleteTree(base);
            base = null;
        }
    }

    // --- where and who ---------------------------------------------------------------------------

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        started();
        return port;
    }

    /** A 0600 client defaults file: {@code [client] host, port, user, password} of the test account. */
    public Path clientConfig() {
        started();
        return clientConfig;
    }

    /** Copies the client defaults to {@code file} (e.g. {@code <home>/.my.cnf}), mode 0600. */
    public Path writeClientConfig(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(clientConfig(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Creates an empty utf8mb4 database (dropping any of that name first). */
    public void createDatabase(String name) {
        String db = checkedName(name);
        execute(null, "DROP DATABASE IF EXISTS `" + db + "`; CREATE DATABASE `" + db
                + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
    }

    public void dropDatabase(String name) {
        execute(null, "DROP DATABASE IF EXISTS `" + checkedName(name) + "`;");
    }

    /** Runs SQL statements (read from standard input by {@code mysql}) in {@code db} (null: none). */
    public void execute(String db, String sql) {
        client(db, sql, false);
    }

    /** The rows of a query, columns separated by tabs ({@code mysql --batch --skip-column-names}). */
    public List<String> query(String db, String sql) {
        String out = client(db, sql, true);
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    /** The tables of a database. */
    public List<String> tables(String db) {
        return query(db, "SHOW TABLES");
    }

    /** Exact row counts ({@code SELECT COUNT(*)}) per table. */
    public Map<String, Long> rowCounts(String db) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables(db)) {
            counts.put(table, Long.parseLong(query(db, "SELECT COUNT(*) FROM `" + table + "`").get(0)));
        }
        return counts;
    }

    /** {@code CHECKSUM TABLE} of one table: equal for equal rows and column definitions. */
    public String checksumTable(String db, String table) {
        String row = query(db, "CHECKSUM TABLE `" + table + "`").get(0);
        return row.substring(row.lastIndexOf('\t') + 1);
    }

    /** {@link #checksumTable} of every table. */
    public Map<String, String> tableChecksums(String db) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : tables(db)) {
            sums.put(table, checksumTable(db, table));
        }
        return sums;
    }

    /**
     * Loads a PrestaShop-like fixture into {@code db} (which must exist): ps_configuration, ps_customer,
     * ps_product and ps_orders with a few thousand rows, strings with quotes, backslashes, tabs, newlines,
     * accents and 4-byte characters, binary columns, a trigger, a view and a procedure.
     */
    public void loadPrestaShopFixture(String db) {
        try (InputStream in = MariaDbServer.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + FIXTURE);
            }
            execute(checkedName(db), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- internals -------------------------------------------------------------------------------

    private String client(String db, String sql, boolean batch) {
        List<String> command = new ArrayList<>(List.of("mysql", "--defaults-file=" + clientConfig(),
                "--default-character-set=utf8mb4"));
        if (batch) {
            command.add("--batch");
            command.add("--skip-column-names");
        }
        if (db != null) {
            command.add("--database=" + checkedName(db));
        }
        return run(command, sql, "run SQL" + (db == null ? "" : " in " + db));
    }

    private void rootSql(String sql) {
        run(List.of("mysql", "--no-defaults", "--user=root", "--socket=" + socket()), sql, "set up the test account");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the test MariaDB server exited with status " + process.exitValue()
                        + ":\n" + tail(base.resolve("error.log")) + tail(base.resolve("console.log")));
            }
            try {
                run(List.of("mysql", "--no-defaults", "--user=root", "--socket=" + socket(), "--connect-timeout=2"),
                        "SELECT 1;", "ping");
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the test MariaDB server did not answer within 60 s:\n"
                            + tail(base.resolve("error.log")), notYet);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for MariaDB", e);
            }
        }
    }

    private Path socket() {
        return base.resolve("mariadbd.sock");
    }

    private Path writeClientConfig(Path file, String password) throws IOException {
        Files.writeString(file, "[client]\nhost=127.0.0.1\nport=" + port + "\nuser=" + USER + "\npassword=" + password
                + "\ndefault-character-set=utf8mb4\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String run(List<String> command, String stdin, String purpose) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            Thread feeder = new Thread(() -> {
                try (var in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException ignored) {
                    // the process ended early: its status says why
                }
            });
            feeder.start();
            var err = new java.io.ByteArrayOutputStream();
            Thread errReader = new Thread(() -> {
                try {
                    p.getErrorStream().transferTo(err);
                } catch (IOException ignored) {
                    // process gone
                }
            });
            errReader.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            feeder.join();
            errReader.join();
            if (status != 0) {
                throw new IllegalStateException("MariaDB test server: cannot " + purpose + " (" + command.get(0)
                        + " exit status " + status + "): " + err.toString(StandardCharsets.UTF_8).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path program(String name, String... candidates) {
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        throw new IllegalStateException("MariaDB is not installed: " + name + " not found (tried "
                + String.join(", ", candidates) + " and PATH). Install the Debian packages mariadb-server and"
                + " mariadb-client (./run-tests does); the MariaDB tests need the real server.");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void started() {
        if (process == null) {
            throw new IllegalStateException("the test MariaDB server is not started (register it as an extension or"
                    + " call start())");
        }
    }

    private static String checkedName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("test database names match " + DATABASE_NAME + ", got " + name);
        }
        return name;
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")\n";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort at JVM exit
                }
            });
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
