package fr.progerance.ops.backup.restore;

import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts what a {@code mysqldump} stream holds while it flows (restore drill, R3.6-d): the tables
 * ({@code CREATE TABLE} statements) and, per table, the row tuples of its {@code INSERT INTO ...
 * VALUES (...),(...);} statements (mysqldump's extended inserts, one or many tuples each). Reads
 * bytes, never the whole dump: quotes ({@code '...'}, {@code "..."}, {@code `...`}), backslash
 * escapes and doubled quotes inside strings, parentheses and semicolons inside strings, line
 * comments ({@code -- }, {@code #}) and block comments ({@code /*...*}{@code /}, mysqldump's
 * {@code /*!40101 ...*}{@code /} included) never count. Multi-byte UTF-8 characters pass through
 * untouched (none of their bytes is ASCII).
 *
 * <p>Also tells whether the dump ended with mysqldump's {@code -- Dump completed} line (a truncated
 * dump is a failure, DESIGN rule 13) and whether it switches databases ({@code USE},
 * {@code CREATE DATABASE}): the drill loads into a scratch database only.
 */
public final class DumpCounter extends OutputStream {

    private static final int HEAD_LIMIT = 512;
    private static final Pattern IDENT = Pattern.compile("`((?:[^`]|``)+)`|([A-Za-z0-9_$]+)");
    private static final Pattern INSERT = Pattern.compile(
            "^(?:INSERT|REPLACE)(?:\\s+(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE))*\\s+(?:INTO\\s+)?"
                    + "((?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)(?:\\.(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+))?)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^CREATE\\s+(?:TEMPORARY\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "((?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)(?:\\.(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+))?)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SWITCH = Pattern.compile("^(?:USE\\s|CREATE\\s+(?:DATABASE|SCHEMA)\\s)",
            Pattern.CASE_INSENSITIVE);

    private enum Quote {
        NONE, SINGLE, DOUBLE, BACKTICK
    }

    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder word = new StringBuilder();
    private final StringBuilder comment = new StringBuilder();

    private Quote quote = Quote.NONE;
    private boolean escape;
    private boolean lineComment;
    private boolean blockComment;
    private boolean pendingDash;
    private boolean pendingSlash;
    private boolean pendingStar;
    private boolean lineStart = true;
    private int depth;
    private boolean values;
    private String insertTable;
    private boolean completed;
    private boolean switchesDatabase;
    private long bytes;
    private int statements;

    @Override
    public void write(int b) {
        bytes++;
        accept((char) (b & 0xff));
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            bytes++;
            accept((char) (b[i] & 0xff));
        }
    }

    private void accept(char c) {
        if (lineComment) {
            if (c == '\n') {
                lineComment = false;
                lineStart = true;
                if (dumpCompleted()) {
                    completed = true;
                }
            } else if (comment.length() < 100) {
                comment.append(c);
            }
            return;
        }
        if (blockComment) {
            if (pendingStar && c == '/') {
                blockComment = false;
                pendingStar = false;
                return;
            }
            pendingStar = c == '*';
            return;
        }
        if (quote != Quote.NONE) {
            inQuote(c);
            return;
        }
        if (pendingDash) {
            pendingDash = false;
            if (c == '-') {
                startLineComment();
                return;
            }
            code('-');
        }
        if (pendingSlash) {
            pendingSlash = false;
            if (c == '*') {
                blockComment = true;
                pendingStar = false;
                return;
            }
            code('/');
        }
        if (lineStart && (c == ' ' || c == '\t' || c == '\r')) {
            return;
        }
        if (lineStart && c == '#') {
            startLineComment();
            return;
        }
        if (lineStart && c == '-') {
            pendingDash = true;
            return;
        }
        if (c == '/') {
            pendingSlash = true;
            return;
        }
        code(c);
    }

    private void startLineComment() {
        lineComment = true;
        comment.setLength(0);
    }

    private void inQuote(char c) {
        appendHead(c);
        if (escape) {
            escape = false;
            return;
        }
        if (c == '\\' && quote != Quote.BACKTICK) {
            escape = true;
            return;
        }
        if ((quote == Quote.SINGLE && c == '\'') || (quote == Quote.DOUBLE && c == '"')
                || (quote == Quote.BACKTICK && c == '`')) {
            // A doubled quote reopens at once: the next character is read as a new quote, same result.
            quote = Quote.NONE;
        }
    }

    /** A character of SQL outside quotes and comments. */
    private void code(char c) {
        lineStart = c == '\n';
        boolean wordChar = Character.isLetterOrDigit(c) || c == '_';
        if (!wordChar) {
            endWord();
        }
        switch (c) {
            case '\'' -> quote = Quote.SINGLE;
            case '"' -> quote = Quote.DOUBLE;
            case '`' -> quote = Quote.BACKTICK;
            case '(' -> {
                if (depth == 0 && values && insertTable != null) {
                    rows.merge(insertTable, 1L, Long::sum);
                }
                depth++;
            }
            case ')' -> depth = Math.max(0, depth - 1);
            case ';' -> {
                endStatement();
                return;
            }
            default -> {
                if (wordChar && depth == 0 && word.length() < 16) {
                    word.append(c);
                }
            }
        }
        appendHead(c);
    }

    private void appendHead(char c) {
        if (head.length() >= HEAD_LIMIT) {
            return;
        }
        boolean space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (space) {
            if (head.length() > 0 && head.charAt(head.length() - 1) != ' ') {
                head.append(' ');
            }
        } else {
            head.append(c);
        }
    }

    private void endWord() {
        if (word.length() == 0) {
            return;
        }
        String w = word.toString().toUpperCase(Locale.ROOT);
        word.setLength(0);
        if (!values && depth == 0 && (w.equals("VALUES") || w.equals("VALUE"))) {
            Matcher m = INSERT.matcher(head);
            if (m.find()) {
                values = true;
                insertTable = table(m.group(1));
                rows.putIfAbsent(insertTable, 0L);
            }
        }
    }

    private void endStatement() {
        endWord();
        String statement = head.toString().strip();
        if (!statement.isEmpty()) {
            statements++;
            Matcher create = CREATE_TABLE.matcher(statement);
            if (create.find()) {
                rows.putIfAbsent(table(create.group(1)), 0L);
            }
            if (SWITCH.matcher(statement).find()) {
                switchesDatabase = true;
            }
        }
        head.setLength(0);
        depth = 0;
        values = false;
        insertTable = null;
    }

    private boolean dumpCompleted() {
        return comment.toString().strip().startsWith("Dump completed");
    }

    /** The table of {@code db.table} or {@code table}, backticks removed. */
    static String table(String qualified) {
        Matcher m = IDENT.matcher(qualified);
        String last = null;
        while (m.find()) {
            last = m.group(1) != null ? m.group(1).replace("``", "`") : m.group(2);
        }
        return last;
    }

    /** The tables the dump creates or fills, in order of appearance. */
    public Set<String> tables() {
        return Collections.unmodifiableSet(rows.keySet());
    }

    /** Row tuples per table (0 for a table created and never filled). */
    public Map<String, Long> rows() {
        return Collections.unmodifiableMap(rows);
    }

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes read. */
    public long bytes() {
        return bytes;
    }

    /** Statements ended by ';' (comments excluded). */
    public int statements() {
        return statements;
    }

    /** Whether mysqldump's closing {@code -- Dump completed} line was read (and nothing unfinished follows it). */
    public boolean completed() {
        boolean lastLine = completed || (lineComment && dumpCompleted());
        return lastLine && head.toString().isBlank() && quote == Quote.NONE;
    }

    /** Whether the dump switches or creates databases: it would not stay in the scratch database. */
    public boolean switchesDatabase() {
        return switchesDatabase;
    }
}
