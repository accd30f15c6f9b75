package fr.progerance.ops.remote;

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
    REMOVE_SHOP_DIRECTORY(false, "sudo -n rm -rf --one-file-system --", Parameter.SHOP_DIRECTORY);

    /** A kind of argument and the strict pattern its values must match in full. */
    public enum Parameter {

        /** A systemd unit name, e.g. {@code nginx.service}, {@code php8.2-fpm}, {@code getty@tty1.service}. */
        SYSTEMD_UNIT("systemd unit name", "[A-Za-z0-9@._-]{1,128}"),

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
                + "/" + ShopPaths.FLAG_NAME);

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

    /** What the fixed part of a command line may contain: no shell syntax at all. */
    static final Pattern FIXED_WORDS = Pattern.compile("[A-Za-z0-9/ -]+");

    private final boolean readOnly;
    private final String fixedPart;
    private final List<Parameter> parameters;

    CommandTemplate(boolean readOnly, String fixedPart, Parameter... parameters) {
        this.readOnly = readOnly;
        this.fixedPart = fixedPart;
        this.parameters = List.of(parameters);
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
        StringBuilder line = new StringBuilder(fixedPart);
        for (int i = 0; i < values.length; i++) {
            Parameter parameter = parameters.get(i);
            if (!parameter.accepts(values[i])) {
                throw new IllegalArgumentException(name() + " argument " + (i + 1) + " (" + parameter.description()
                        + ") must match " + parameter.pattern().pattern() + ", got "
                        + (values[i] == null ? "null" : printable(values[i])));
            }
            line.append(' ').append(singleQuoted(values[i]));
        }
        return line.toString();
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
