package fr.progerance.ops.remote;

import fr.progerance.ops.remote.CommandTemplate.Parameter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * DESIGN rule 8 for streamed commands (backups and restores, R3.6-b, R3.6-d): a fixed command line
 * plus one argument validated against a strict pattern and single-quoted, as {@link CommandTemplate}.
 * Each template says whether its stream is the command's output (backup) or its input (restore).
 *
 * <p><b>Server prerequisites</b> (the SSH user is {@code ops} below):
 * <ul>
 *   <li>Database templates read the MariaDB/MySQL credentials from the SSH user's
 *       {@code ~/.my.cnf} ({@code [client] user=... password=...}, mode 0600): no credential ever
 *       appears on a command line, in a process list or in the engine. That account needs
 *       {@code SELECT, SHOW VIEW, TRIGGER, EVENT, LOCK TABLES} on the shop's database for a dump and
 *       the rights to create what the dump contains for a load.</li>
 *   <li>Archive templates run GNU tar as root through {@code sudo -n} (reading every file, restoring
 *       owners): the sudoers rule allows exactly these command lines, e.g.
 *       {@code ops ALL=(root) NOPASSWD: /usr/bin/tar --create --file=- --numeric-owner *,
 *       /usr/bin/tar --extract --file=- --numeric-owner *}.</li>
 * </ul>
 *
 * <p>GNU tar exit statuses: 0 success; 1 "some files differ" (with {@code --create}: a file changed
 * while it was read, the archive is still complete and well-formed but that file's copy may be
 * inconsistent); 2 fatal error. What a caller accepts is its decision (the backup transfer accepts
 * 1 for archives, by a setting). mysqldump and mysql: 0 success, anything else a failure.
 */
public enum StreamTemplate {

    /**
     * R3.6-b daily: a consistent SQL dump of one database on standard output (InnoDB snapshot with
     * {@code --single-transaction}, rows streamed with {@code --quick}, routines, triggers and events
     * included, binary columns in hex, utf8mb4). No {@code --databases}: the dump holds no
     * {@code CREATE DATABASE}/{@code USE}, so it loads into any database. It ends with a
     * {@code -- Dump completed} comment line, which shows it is complete.
     */
    DUMP_DATABASE(Direction.OUT, "mysqldump --single-transaction --quick --routines --triggers --events"
            + " --no-tablespaces --hex-blob --default-character-set=utf8mb4 --", Parameter.DATABASE_NAME, ""),

    /**
     * R3.6-b weekly: a tar stream of the shop's install path, member names relative to it
     * ({@code ./...}), numeric owners.
     */
    ARCHIVE_DIRECTORY(Direction.OUT, "sudo -n tar --create --file=- --numeric-owner --directory",
            Parameter.ABSOLUTE_PATH, "."),

    /**
     * R3.6-b weekly: a tar stream of a root directory (normally {@code /}), numeric owners, on that one
     * file system only, without the pseudo and temporary file systems and the swap file (excluded by
     * name as well, since a container or a bind mount may put them on the same file system). Sockets
     * are skipped by tar itself.
     */
    ARCHIVE_SERVER(Direction.OUT, "sudo -n tar --create --file=- --numeric-owner --one-file-system"
            + " --exclude=./proc --exclude=./sys --exclude=./dev --exclude=./run --exclude=./tmp"
            + " --exclude=./var/tmp --exclude=./var/run --exclude=./var/lock --exclude=./var/cache/apt/archives"
            + " --exclude=./swapfile --exclude=./swap.img --directory", Parameter.ABSOLUTE_PATH, "."),

    /**
     * R3.6-d: loads an SQL dump from standard input into an existing database. Batch mode stops at
     * the first failing statement with a non-zero exit status.
     */
    LOAD_DATABASE(Direction.IN, "mysql --batch --default-character-set=utf8mb4 --", Parameter.DATABASE_NAME, ""),

    /**
     * R3.6-d: extracts a tar stream from standard input into an existing directory, as root, with
     * numeric owners and the archived permissions; existing files are replaced.
     */
    EXTRACT_ARCHIVE(Direction.IN, "sudo -n tar --extract --file=- --numeric-owner --preserve-permissions"
            + " --directory", Parameter.ABSOLUTE_PATH, "");

    /** Which way the data goes. */
    public enum Direction {
        /** The command's standard output is the stream (a backup). */
        OUT,
        /** The stream is the command's standard input (a restore). */
        IN
    }

    /**
     * What the fixed parts of a stream command line may contain: {@link CommandTemplate#FIXED_WORDS}
     * plus {@code . _ =} for options such as {@code --file=-} and {@code --exclude=./proc}. No shell
     * syntax: no quotes, {@code ; | & $ ` < > ( ) * ? [ ] ~ #} or backslash.
     */
    static final Pattern FIXED_WORDS = Pattern.compile("[A-Za-z0-9/ ._=-]+");

    private final Direction direction;
    private final String before;
    private final Parameter parameter;
    private final String after;

    StreamTemplate(Direction direction, String before, Parameter parameter, String after) {
        this.direction = direction;
        this.before = before;
        this.parameter = parameter;
        this.after = after;
    }

    public Direction direction() {
        return direction;
    }

    /** Whether the stream is the command's standard output (backup). */
    public boolean streamsOut() {
        return direction == Direction.OUT;
    }

    /** The one argument this template takes. */
    public Parameter parameter() {
        return parameter;
    }

    /**
     * The exact command line sent to the server.
     *
     * @throws IllegalArgumentException naming this template, if the argument is missing, extra, null or
     *     does not match its pattern
     */
    public String commandLine(String... args) {
        String[] values = args == null ? new String[0] : args;
        if (values.length != 1) {
            throw new IllegalArgumentException(name() + " takes 1 argument (" + parameter.description() + "), got "
                    + values.length);
        }
        String value = values[0];
        if (!parameter.accepts(value)) {
            throw new IllegalArgumentException(name() + " argument 1 (" + parameter.description() + ") must match "
                    + parameter.pattern().pattern() + ", got "
                    + (value == null ? "null" : CommandTemplate.printable(value)));
        }
        String line = before + " " + CommandTemplate.singleQuoted(Objects.requireNonNull(value));
        return after.isEmpty() ? line : line + " " + after;
    }
}
