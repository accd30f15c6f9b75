package fr.progerance.ops.remote;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * DESIGN rule 8: the only commands that may reach a remote shell. Each template is a fixed command
 * line plus, where needed, arguments validated against a strict pattern and then single-quoted
 * (after {@code --}, so a value can never be read as an option). No free text ever reaches a shell.
 *
 * <p>Commands run as the SSH user without a terminal. Those that change the server use
 * {@code sudo -n} (never prompt: a missing sudoers rule fails fast with a non-zero exit status).
 * The sudoers rule on a managed server needs to allow exactly these lines, e.g.
 * {@code ops ALL=(root) NOPASSWD: /usr/bin/systemctl restart -- *, /usr/bin/systemctl reboot}; the
 * billing templates (R7.3, R8.2) add {@code systemctl disable --now -- *}, {@code systemctl enable
 * --now -- *}, {@code touch -- /var/www/*}{@code /.ops-maintenance}, {@code rm -f -- /var/www/*}{@code
 * /.ops-maintenance} and {@code rm -rf --one-file-system -- /var/www/*} (README, "Suspension and
 * deletion on the servers").
 *
 * <p>A template's fixed part may hold {@code {}} placeholders: each takes the next argument,
 * single-quoted, in place (e.g. {@code --backup={}} gives {@code --backup='V8.1.7_...'}, one shell
 * word). Without placeholders the arguments follow the fixed part, each after a space.
 */
public enum CommandTemplate {

    /** Seconds since boot and idle seconds: {@code /proc/uptime}. */
    UPTIME(true, "cat /proc/uptime"),

    /** Load averages over 1, 5 and 15 minutes, running/total tasks, last pid: {@code /proc/loadavg}. */
    LOAD_AVERAGE(true, "cat /proc/loadavg"),

    /** File system usage in POSIX format (one line per file system, sizes in KiB). */
    DISK_USAGE(true, "df -P -k"),

    /** systemd units in the failed state, one per line, without headers or decorations. */
    FAILED_SERVICES(true, "systemctl --failed --no-legend --plain"),

    /** Restarts one systemd unit (R4.2 N2 troubleshooting); changes the server. */
    RESTART_SERVICE(false, "sudo -n systemctl restart --", Parameter.SYSTEMD_UNIT),

    /**
     * Reboots the server; changes the server. The connection usually drops before an exit status
     * arrives: the result then has exit status {@link CommandResult#NO_EXIT_STATUS}.
     */
    REBOOT(false, "sudo -n systemctl reboot"),

    /** Whether one systemd unit is active: prints {@code active}, {@code failed}...; exit 0 only when active. */
    SERVICE_STATUS(true, "systemctl is-active --", Parameter.SYSTEMD_UNIT),

    /**
     * R3.6-d: checks and lists every table of one database, one line each ({@code db.table  OK}), with
     * {@code mysqlcheck --fast} (only tables not closed properly are really checked, so it is cheap).
     * Used after a restore to see the tables are there. Credentials come from the SSH user's
     * {@code ~/.my.cnf}, as for {@link StreamTemplate#DUMP_DATABASE}. Not {@code mysqlshow}: it reads a
     * database name containing {@code _} as a wildcard and then lists databases instead of tables.
     */
    CHECK_TABLES(true, "mysqlcheck --fast --", Parameter.DATABASE_NAME),

    /**
     * R7.3 suspension: stops one systemd unit and keeps it from starting at boot; changes the server.
     * Disabling a unit that is already stopped and disabled succeeds (exit 0): idempotent.
     */
    DISABLE_SERVICE(false, "sudo -n systemctl disable --now --", Parameter.SYSTEMD_UNIT),

    /** R8.2 reactivation: the reverse of {@link #DISABLE_SERVICE}, enables and starts one unit; idempotent. */
    ENABLE_SERVICE(false, "sudo -n systemctl enable --now --", Parameter.SYSTEMD_UNIT),

    /**
     * R7.3 suspension on TIERCE: creates the maintenance flag file in the shop's directory, which the
     * web server's rule turns into a 503 maintenance page; changes the server. Touching an existing
     * flag succeeds: idempotent. The argument can only be a file named like a maintenance flag
     * ({@link Parameter#MAINTENANCE_FLAG}).
     */
    SET_MAINTENANCE_FLAG(false, "sudo -n touch --", Parameter.MAINTENANCE_FLAG),

    /**
     * R8.2 reactivation on TIERCE: removes the maintenance flag; changes the server. {@code rm -f} of a
     * missing flag succeeds: idempotent. Never a generic removal: the argument can only be a file named
     * like a maintenance flag in a shop directory ({@link Parameter#MAINTENANCE_FLAG}).
     */
    CLEAR_MAINTENANCE_FLAG(false, "sudo -n rm -f --", Parameter.MAINTENANCE_FLAG),

    /**
     * R8.2: whether one database exists, without reading it: {@code mysql} connects and selects the
     * database, then finds its standard input at its end (the executor never sends any) and exits.
     * Exit 0: the database exists; {@code ERROR 1049} (unknown database) on standard error and exit 1:
     * it does not; anything else is a failure. Credentials from {@code ~/.my.cnf}, as for
     * {@link #CHECK_TABLES}. Not {@code mysqlshow}: it reads {@code _} as a wildcard and answers
     * with the databases matching the pattern when the named one is missing.
     */
    DATABASE_EXISTS(true, "mysql --batch --", Parameter.DATABASE_NAME),

    /**
     * R8.2 deletion: drops one database for good ({@code --force}: no confirmation prompt); changes
     * the server. mysqladmin honours {@code --} (checked with MariaDB 10.11: a database named
     * {@code --help} is dropped, not read as an option). Dropping a missing database fails (exit 1):
     * callers check with {@link #DATABASE_EXISTS} first. Credentials from {@code ~/.my.cnf}.
     */
    DROP_DATABASE(false, "mysqladmin --force drop --", Parameter.DATABASE_NAME),

    /**
     * R8.2 deletion: removes a shop's install directory and everything under it, never crossing into
     * another file system ({@code --one-file-system}); changes the server. Removing a missing
     * directory succeeds: idempotent. The argument can only be a shop directory
     * ({@link Parameter#SHOP_DIRECTORY}): never {@code /}, a top-level or system directory.
     */
    REMOVE_SHOP_DIRECTORY(false, "sudo -n rm -rf --one-file-system --", Parameter.SHOP_DIRECTORY),

    /**
     * RD-ps: the lines naming {@code VERSION} in the three files where PrestaShop keeps its version,
     * in the order they are read ({@link Parameter#SHOP_VERSION_FILE}: {@code src/Core/Version.php}
     * of 8 and 9, {@code app/AppKernel.php} of 1.7 and 8, {@code config/settings.inc.php} of 1.6),
     * each line prefixed by its file name. Bounded: at most 20 lines per file, binary files never
     * match; only those lines leave the server, so the database password and cookie keys of
     * {@code settings.inc.php} never do. {@code LC_ALL=C}: grep's messages (a missing file) are in
     * English whatever the server's locale. Exit 0: some line found; 1: none; 2: a file could not
     * be read (a missing file included), the lines of the others still printed.
     */
    SHOP_VERSION_LINES(true, "env LC_ALL=C grep --with-filename --binary-files=without-match --max-count=20"
            + " --fixed-strings --regexp=VERSION --", Parameter.SHOP_VERSION_FILE, Parameter.SHOP_VERSION_FILE,
            Parameter.SHOP_VERSION_FILE),

    /**
     * RD-ps, R4.0-b: the update assistant's own backup of the shop's files and database (module
     * {@code autoupgrade}, {@code bin/console backup:create <admin-dir>}), run from the module's
     * directory as its chained commands need; changes the server. It prints, among its progress
     * lines, {@code Database backup done in filename <backup name>.}. No {@code --} before the
     * admin directory, as for {@link #ASSISTANT_UPDATE_START}: the pattern of
     * {@link Parameter#ADMIN_DIRECTORY} keeps it from looking like an option. Long-running.
     */
    ASSISTANT_BACKUP_CREATE(false, "env --chdir={} php bin/console backup:create {}",
            Parameter.AUTOUPGRADE_DIRECTORY, Parameter.ADMIN_DIRECTORY),

    /**
     * RD-ps, R4.0-b: the update itself ({@code bin/console update:start --chain --channel=online
     * <admin-dir>}); changes the server. {@code --chain}: the assistant runs its next steps itself,
     * each a new {@code php bin/console update:start ... --action=... --data=...} built from its own
     * command line and run from the current directory (so: from the module's directory, and no
     * {@code --} on the line, since the options it appends must still be read as options).
     * Long-running.
     */
    ASSISTANT_UPDATE_START(false, "env --chdir={} php bin/console update:start --chain --channel=online {}",
            Parameter.AUTOUPGRADE_DIRECTORY, Parameter.ADMIN_DIRECTORY),

    /**
     * RD-ps: puts back a backup made by {@link #ASSISTANT_BACKUP_CREATE} ({@code bin/console
     * backup:restore --backup=<name> <admin-dir>}); changes the server. Long-running.
     */
    ASSISTANT_BACKUP_RESTORE(false, "env --chdir={} php bin/console backup:restore --backup={} {}",
            Parameter.AUTOUPGRADE_DIRECTORY, Parameter.ASSISTANT_BACKUP_NAME, Parameter.ADMIN_DIRECTORY),

    /**
     * RD-ps: the names in the update assistant's backup directory ({@code <admin-dir>/autoupgrade/backup}
     * of the shop), one per line: how the name of the backup just made is found when the output of
     * {@link #ASSISTANT_BACKUP_CREATE} (kept up to {@code ops.remote.ssh.max-output}) does not show it.
     */
    LIST_ASSISTANT_BACKUPS(true, "ls -1 --", Parameter.ASSISTANT_BACKUP_DIRECTORY),

    /**
     * R4.2 N1 surveillance: whether a process of exactly this name runs ({@code pgrep -x}: the
     * process name the kernel keeps, at most 15 characters). Prints the matching pids; exit 0: at
     * least one runs; 1: none; 2 or 3: pgrep itself failed.
     */
    PROCESS_RUNNING(true, "pgrep -x --", Parameter.PROCESS_NAME),

    /**
     * R3.7: the database server's one-line status ({@code Uptime: 4821  Threads: 7  Questions: ...}),
     * whose {@code Threads} is the number of client connections open now (the SHOW STATUS variable
     * {@code Threads_connected}, this one included). Credentials from the SSH user's
     * {@code ~/.my.cnf}, as for {@link #CHECK_TABLES}. A non-zero exit status: the database does not
     * answer.
     */
    DATABASE_CONNECTIONS(true, "mysqladmin status");

    /**
     * How long a {@link #longRunning()} command may run, at least, before the channel is closed (the
     * update assistant's backup, update and restore take minutes, sometimes an hour on a large shop,
     * never the 60 s of {@code ops.remote.ssh.command-timeout}). Two hours: R4.3-p2 gives an update
     * 2 h of level-2 window time; an update still running after that has failed the contract anyway,
     * and the rollback takes over.
     */
    public static final Duration LONG_RUNNING_TIMEOUT = Duration.ofHours(2);

    /** A kind of argument and the strict pattern its values must match in full. */
    public enum Parameter {

        /** A systemd unit name, e.g. {@code nginx.service}, {@code php8.2-fpm}, {@code getty@tty1.service}. */
        SYSTEMD_UNIT("systemd unit name", "[A-Za-z0-9@._-]{1,128}"),

        /**
         * A process name as {@code pgrep -x} matches it (the kernel's 15-character name): a letter or
         * digit, then letters, digits and {@code . _ + : -}; e.g. {@code php-fpm8.2}, {@code mariadbd}.
         */
        PROCESS_NAME("process name", "[A-Za-z0-9][A-Za-z0-9._+:-]{0,14}"),

        /**
         * A MariaDB/MySQL database name as PrestaShop installs create them: letters, digits and
         * {@code _}, at most 64 characters; never one of the server's own schemas.
         */
        DATABASE_NAME("database name",
                "(?!(?i:mysql|information_schema|performance_schema|sys)$)[A-Za-z0-9_]{1,64}"),

        /**
         * An absolute directory path: {@code /}, or {@code /} followed by names of letters, digits and
         * {@code . _ @ + -}, separated by single slashes; no {@code .} or {@code ..} name, no trailing
         * slash, no spaces, quotes or other shell characters; at most 1024 characters.
         */
        ABSOLUTE_PATH("absolute directory path",
                "(?=.{1,1024}$)(/|(/(?!\\.{1,2}(/|$))[A-Za-z0-9._@+-]+)+)"),

        /**
         * R8.2: a directory that may be removed with everything under it: a clean absolute path of at
         * least two names (letters, digits, {@code _ . -}, never starting with a dot, so no {@code .},
         * {@code ..} or hidden name), single slashes, no trailing slash, at most 255 characters
         * (the register's install path). Never a system directory: not {@code /var/www},
         * {@code /var/tmp}, {@code /srv/www}, {@code /usr/local}, {@code /mnt/x}, {@code /media/x}
         * or a home directory {@code /home/x} themselves, and nothing at all under {@code /etc},
         * {@code /usr}, {@code /boot}, {@code /bin}, {@code /sbin}, {@code /lib*}, {@code /root},
         * {@code /proc}, {@code /sys}, {@code /dev}, {@code /run}, {@code /var/lib} (databases),
         * {@code /var/log}, {@code /var/cache}, {@code /var/spool}, {@code /var/mail},
         * {@code /var/backups}. A single name ({@code /var}, {@code /home}, {@code /tmp},
         * {@code /opt}, {@code /srv}...) is never accepted.
         */
        SHOP_DIRECTORY("shop directory", "(?=.{1,255}$)" + ShopPaths.directory("$")),

        /**
         * R7.3, R8.2: the maintenance flag file of a shop: a {@link #SHOP_DIRECTORY} followed by
         * {@code /} and a hidden file name containing {@code maintenance} (e.g.
         * {@code /var/www/shop/.ops-maintenance}); nothing else, so the template that removes it can
         * never remove anything but such a flag.
         */
        MAINTENANCE_FLAG("maintenance flag path", "(?=.{1,320}$)" + ShopPaths.directory("/" + ShopPaths.FLAG_NAME + "$")
                + "/" + ShopPaths.FLAG_NAME),

        /**
         * RD-ps: one of the three files where PrestaShop keeps its version, under a shop's install
         * path (the register's format: an absolute path of names that never start with a dot):
         * {@code <install>/src/Core/Version.php}, {@code <install>/app/AppKernel.php} or
         * {@code <install>/config/settings.inc.php}; nothing else can be read with it.
         */
        SHOP_VERSION_FILE("PrestaShop version file", "(?=.{1,300}$)" + ShopPaths.INSTALL_PATH
                + "/(?:src/Core/Version\\.php|app/AppKernel\\.php|config/settings\\.inc\\.php)"),

        /**
         * RD-ps: the update assistant's module directory of a shop, {@code <install>/modules/autoupgrade};
         * the only directory the assistant's commands run in.
         */
        AUTOUPGRADE_DIRECTORY("autoupgrade module directory", "(?=.{1,300}$)" + ShopPaths.INSTALL_PATH
                + "/modules/autoupgrade"),

        /**
         * RD-ps: the name of a shop's back-office directory (the register's {@code adminDirectory}),
         * the update assistant's argument: letters, digits, {@code _} and {@code -}, never starting
         * with {@code -} (it would be read as an option), at most 64 characters.
         */
        ADMIN_DIRECTORY("admin directory name", ShopPaths.ADMIN_DIRECTORY),

        /**
         * RD-ps: a backup name as the update assistant makes them: {@code V<version>_<yyyyMMdd>-<HHmmss>-<hex>},
         * e.g. {@code V8.1.6_20260415-210312-5f3a9c01}.
         */
        ASSISTANT_BACKUP_NAME("update assistant backup name", ShopPaths.BACKUP_NAME),

        /** RD-ps: the update assistant's backup directory of a shop, {@code <install>/<admin-dir>/autoupgrade/backup}. */
        ASSISTANT_BACKUP_DIRECTORY("update assistant backup directory", "(?=.{1,400}$)" + ShopPaths.INSTALL_PATH
                + "/" + ShopPaths.ADMIN_DIRECTORY + "/autoupgrade/backup");

        private final String description;
        private final Pattern pattern;

        Parameter(String description, String regex) {
            this.description = description;
            this.pattern = Pattern.compile(regex);
        }

        public String description() {
            return description;
        }

        public Pattern pattern() {
            return pattern;
        }

        /** Whether the whole value matches the pattern (null never does). */
        public boolean accepts(String value) {
            return value != null && pattern.matcher(value).matches();
        }
    }

    /** The pieces of {@link Parameter#SHOP_DIRECTORY} and {@link Parameter#MAINTENANCE_FLAG}. */
    static final class ShopPaths {

        /** One name of a shop path: never starts with a dot (so never {@code .}, {@code ..} or hidden). */
        static final String NAME = "[A-Za-z0-9_][A-Za-z0-9._-]*";

        /** The register's install path ({@code FieldRules.INSTALL_PATH}): names that never start with a dot. */
        static final String INSTALL_PATH = "(?:/" + NAME + ")+";

        /** A shop's back-office directory name, never starting with {@code -}. */
        static final String ADMIN_DIRECTORY = "[A-Za-z0-9_][A-Za-z0-9_-]{0,63}";

        /** The update assistant's backup names ({@code State::initDefault} of module autoupgrade). */
        static final String BACKUP_NAME = "V[0-9][0-9A-Za-z.-]{0,39}_[0-9]{8}-[0-9]{6}-[0-9a-f]{1,8}";

        /** A maintenance flag's file name: hidden, containing {@code maintenance}, e.g. {@code .ops-maintenance}. */
        static final String FLAG_NAME = "\\.[A-Za-z0-9_-]{0,40}maintenance[A-Za-z0-9_-]{0,40}";

        /** Trees where a shop never lives: the path may be neither one of them nor under one. */
        static final String SYSTEM_TREES = "/(?:etc|usr|boot|bin|sbin|lib|lib32|lib64|libx32|root|proc|sys|dev|run"
                + "|var/lib|var/log|var/cache|var/spool|var/mail|var/backups|lost\\+found)";

        /** Directories that hold shops or users, refused themselves (what is under them is fine). */
        static final String SYSTEM_DIRECTORIES = "/(?:var/www|var/tmp|var/opt|var/local|var/run|var/lock|srv/www"
                + "|home/" + NAME + "|mnt/" + NAME + "|media/" + NAME + ")";

        /** A shop directory followed by {@code end} (a lookahead: the directory ends where {@code end} matches). */
        static String directory(String end) {
            return "(?!" + SYSTEM_TREES + "(?:/|" + end + "))(?!" + SYSTEM_DIRECTORIES + end + ")(?:/" + NAME + "){2,}";
        }

        private ShopPaths() {
        }
    }

    /**
     * What the fixed part of a command line may contain: no shell syntax at all. {@code _ = :} for
     * {@code LC_ALL=C}, {@code --chdir=} and console commands such as {@code backup:create}: none of
     * them means anything to a POSIX shell inside a word that does not start with a name followed
     * by {@code =} (an assignment needs a word of its own at the start of the command).
     */
    static final Pattern FIXED_WORDS = Pattern.compile("[A-Za-z0-9/ _=:-]+");

    /** Where an argument goes in a fixed part that places its arguments itself. */
    static final String PLACEHOLDER = "{}";

    private final boolean readOnly;
    private final String fixedPart;
    private final List<Parameter> parameters;

    CommandTemplate(boolean readOnly, String fixedPart, Parameter... parameters) {
        this.readOnly = readOnly;
        this.fixedPart = fixedPart;
        this.parameters = List.of(parameters);
        int placeholders = fixedPart.split(Pattern.quote(PLACEHOLDER), -1).length - 1;
        if (placeholders != 0 && placeholders != parameters.length) {
            throw new IllegalStateException(name() + ": " + placeholders + " placeholders for " + parameters.length
                    + " arguments");
        }
    }

    /**
     * Whether the command only reads the server's state. R4.3-t5: when a client's contact cannot be
     * reached and no emergency procedure exists, only read-only templates may run.
     */
    public boolean readOnly() {
        return readOnly;
    }

    /** The arguments this template takes, in order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Whether the SSH connection may drop while this command runs (a reboot), which is then no failure. */
    public boolean mayDropConnection() {
        return this == REBOOT;
    }

    /** Whether the command may run for long: the update assistant's commands ({@link #LONG_RUNNING_TIMEOUT}). */
    public boolean longRunning() {
        return this == ASSISTANT_BACKUP_CREATE || this == ASSISTANT_UPDATE_START || this == ASSISTANT_BACKUP_RESTORE;
    }

    /**
     * How long this command may run before its channel is closed: {@code configured}
     * ({@code ops.remote.ssh.command-timeout}), or at least {@link #LONG_RUNNING_TIMEOUT} for a
     * {@link #longRunning()} one.
     */
    public Duration commandTimeout(Duration configured) {
        return longRunning() && configured.compareTo(LONG_RUNNING_TIMEOUT) < 0 ? LONG_RUNNING_TIMEOUT : configured;
    }

    /**
     * The exact command line sent to the server.
     *
     * @throws IllegalArgumentException naming this template and the faulty argument, if an argument is
     *     missing, extra, null or does not match its pattern
     */
    public String commandLine(String... args) {
        String[] values = args == null ? new String[0] : args;
        if (values.length != parameters.size()) {
            throw new IllegalArgumentException(name() + " takes " + parameters.size() + " argument"
                    + (parameters.size() == 1 ? "" : "s") + describeParameters() + ", got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            Parameter parameter = parameters.get(i);
            if (!parameter.accepts(values[i])) {
                throw new IllegalArgumentException(name() + " argument " + (i + 1) + " (" + parameter.description()
                        + ") must match " + parameter.pattern().pattern() + ", got "
                        + (values[i] == null ? "null" : printable(values[i])));
            }
        }
        if (!fixedPart.contains(PLACEHOLDER)) {
            StringBuilder line = new StringBuilder(fixedPart);
            for (String value : values) {
                line.append(' ').append(singleQuoted(value));
            }
            return line.toString();
        }
        StringBuilder line = new StringBuilder();
        int from = 0;
        for (String value : values) {
            int at = fixedPart.indexOf(PLACEHOLDER, from);
            line.append(fixedPart, from, at).append(singleQuoted(value));
            from = at + PLACEHOLDER.length();
        }
        return line.append(fixedPart.substring(from)).toString();
    }

    private String describeParameters() {
        if (parameters.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        for (int i = 0; i < parameters.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(parameters.get(i).description());
        }
        return text.append(')').toString();
    }

    /**
     * POSIX shell single quoting: nothing inside single quotes is special; an embedded quote is closed,
     * escaped and reopened. The patterns already exclude quotes: this is the second line of defence.
     */
    static String singleQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** A value as it may appear in an error message: quoted, control characters escaped, shortened. */
    static String printable(String value) {
        Objects.requireNonNull(value);
        StringBuilder text = new StringBuilder("\"");
        int shown = Math.min(value.length(), 80);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isISOControl(c)) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
        if (value.length() > shown) {
            text.append(" (").append(value.length()).append(" characters)");
        }
        return text.toString();
    }
}
