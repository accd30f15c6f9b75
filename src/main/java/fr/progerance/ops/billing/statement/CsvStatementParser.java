package fr.progerance.ops.billing.statement;

import fr.progerance.ops.web.Excerpt;
import fr.progerance.ops.web.FieldProblem;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the engine's CSV statement, for banks whose exports are not camt.053 (French banks' CSV
 * exports all differ, so this one format is documented and the export is adapted to it):
 * <ul>
 * <li>UTF-8 (a byte-order mark is tolerated), lines ending in LF or CRLF, {@code ;} between fields;</li>
 * <li>a header line first, naming the columns {@code date;amount;reference;label} and optionally
 *     {@code entry_id}, in any order, case ignored;</li>
 * <li>{@code date}: {@code YYYY-MM-DD} or {@code DD/MM/YYYY}, the value date;</li>
 * <li>{@code amount}: euros, {@code .} or {@code ,} before at most two decimals, optional spaces
 *     between thousands ({@code 1 234,56}); negative (a leading {@code -}) is a debit, kept as IGNORED;</li>
 * <li>{@code reference}, {@code label}: what the bank shows of the payment; the invoice number is
 *     looked for in both;</li>
 * <li>{@code entry_id}: the bank's own id of the operation, when the export has one: the same
 *     operation in an overlapping later export is then recognised and never recorded twice;</li>
 * <li>a field may be quoted with {@code "}, a quote inside written {@code ""}; a quoted field does
 *     not span lines; blank lines are skipped.</li>
 * </ul>
 * Every bad line is reported (line number and column); one bad line and nothing is imported.
 */
public final class CsvStatementParser {

    static final List<String> REQUIRED = List.of("date", "amount", "reference", "label");
    static final String ENTRY_ID = "entry_id";
    static final int MAX_REFERENCE = 140;
    static final int MAX_LABEL = 500;
    static final int MAX_ENTRY_ID = 64;

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern FRENCH_DATE = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{4})");
    private static final Pattern AMOUNT = Pattern.compile(
            "([+-]?)(\\d{1,3}(?:[ \u00A0\u202F]\\d{3})+|\\d{1,15})(?:[.,](\\d{1,2}))?");

    /** Reads the whole file, or throws naming every bad line and column. */
    public ParsedStatement parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidStatementException("body", "is empty: send the CSV file, its header line first");
        }
        String text = utf8(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] physical = text.split("\r\n|\n|\r", -1);
        if (physical[0].isBlank()) {
            throw new InvalidStatementException("line 1", "must be the header " + String.join(";", REQUIRED)
                    + " (optionally ;" + ENTRY_ID + ")");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> columns = header(physical[0], problems);
        if (!problems.isEmpty()) {
            throw new InvalidStatementException(problems);
        }
        StringBuilder normalised = new StringBuilder();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i].stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            normalised.append(line).append('\n');
            if (i > 0) {
                Row row = row(i + 1, line, columns, problems);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidStatementException(problems);
        }
        String key = "csv:" + BankText.sha256(normalised.toString());
        List<BankLine> lines = new ArrayList<>();
        for (Row row : rows) {
            List<String> texts = new ArrayList<>();
            List<String> references = new ArrayList<>();
            if (row.reference != null) {
                texts.add(row.reference);
                references.add("reference " + row.reference);
            }
            if (row.label != null) {
                texts.add(row.label);
            }
            if (row.entryId != null) {
                references.add("entry_id " + row.entryId);
            }
            Direction direction = row.amount.signum() < 0 ? Direction.DEBIT : Direction.CREDIT;
            lines.add(new BankLine(row.lineNo, row.entryId == null ? null : "entry:" + row.entryId, row.date,
                    row.amount.abs(), "EUR", direction, true, "BOOK", texts, references, null, null));
        }
        return new ParsedStatement(StatementFormat.CSV, key, null, null, null, null, lines);
    }

    private record Row(int lineNo, LocalDate date, BigDecimal amount, String reference, String label, String entryId) {
    }

    private static Map<String, Integer> header(String line, List<FieldProblem> problems) {
        Map<String, Integer> columns = new HashMap<>();
        List<String> names = cells(1, line, problems);
        if (names == null) {
            return columns;
        }
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c).strip().toLowerCase(Locale.ROOT);
            String where = "line 1, column " + (c + 1);
            if (!REQUIRED.contains(name) && !ENTRY_ID.equals(name)) {
                problems.add(new FieldProblem(where, Excerpt.quoted(names.get(c)) + " is not a column of the statement CSV"
                        + " (date, amount, reference, label, entry_id)"));
            } else if (columns.putIfAbsent(name, c) != null) {
                problems.add(new FieldProblem(where, "column " + name + " appears twice"));
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                problems.add(new FieldProblem("line 1", "the header lacks the column " + required + " (expected "
                        + String.join(";", REQUIRED) + ", optionally ;" + ENTRY_ID + ")"));
            }
        }
        return columns;
    }

    private static Row row(int lineNo, String line, Map<String, Integer> columns, List<FieldProblem> problems) {
        List<String> cells = cells(lineNo, line, problems);
        if (cells == null) {
            return null;
        }
        if (cells.size() != columns.size()) {
            problems.add(new FieldProblem("line " + lineNo, cells.size() + " fields where the header has "
                    + columns.size() + " (fields are separated by ;)"));
            return null;
        }
        int before = problems.size();
        LocalDate date = date(lineNo, columns.get("date"), cells.get(columns.get("date")), problems);
        BigDecimal amount = amount(lineNo, columns.get("amount"), cells.get(columns.get("amount")), problems);
        String reference = text(lineNo, columns.get("reference"), "reference", cells.get(columns.get("reference")),
                MAX_REFERENCE, problems);
        String label = text(lineNo, columns.get("label"), "label", cells.get(columns.get("label")), MAX_LABEL, problems);
        String entryId = null;
        if (columns.containsKey(ENTRY_ID)) {
            int column = columns.get(ENTRY_ID);
            entryId = text(lineNo, column, ENTRY_ID, cells.get(column), MAX_ENTRY_ID, problems);
            if (entryId != null && entryId.contains(" ")) {
                problems.add(new FieldProblem(where(lineNo, column, ENTRY_ID), "must not contain spaces"));
            }
        }
        return problems.size() == before ? new Row(lineNo, date, amount, reference, label, entryId) : null;
    }

    /** The fields of one line, unquoted; null (with a problem) when the quoting is broken. */
    static List<String> cells(int lineNo, String line, List<FieldProblem> problems) {
        List<String> cells = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            int start = i;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            value.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    value.append(c);
                    i++;
                }
                if (!closed) {
                    problems.add(new FieldProblem("line " + lineNo + ", column " + (cells.size() + 1),
                            "the quoted field does not end on its line (a closing \" is missing)"));
                    return null;
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ';') {
                    problems.add(new FieldProblem("line " + lineNo + ", column " + (cells.size() + 1),
                            "text after the closing quote (write a quote inside a quoted field as \"\")"));
                    return null;
                }
                cells.add(value.toString());
            } else {
                i = start;
                int end = line.indexOf(';', i);
                end = end < 0 ? n : end;
                cells.add(line.substring(i, end));
                i = end;
            }
            if (i >= n) {
                return cells;
            }
            i++; // the ';'
            if (i == n) {
                cells.add("");
                return cells;
            }
        }
    }

    private static LocalDate date(int lineNo, int column, String value, List<FieldProblem> problems) {
        String v = value.strip();
        Matcher iso = ISO_DATE.matcher(v);
        Matcher french = FRENCH_DATE.matcher(v);
        try {
            if (iso.matches()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
            }
            if (french.matches()) {
                return LocalDate.of(Integer.parseInt(french.group(3)), Integer.parseInt(french.group(2)),
                        Integer.parseInt(french.group(1)));
            }
        } catch (DateTimeException e) {
            problems.add(new FieldProblem(where(lineNo, column, "date"), Excerpt.quoted(v) + " is not a day of the calendar"));
            return null;
        }
        problems.add(new FieldProblem(where(lineNo, column, "date"), v.isEmpty() ? "is required (YYYY-MM-DD or DD/MM/YYYY)"
                : Excerpt.quoted(v) + " is not a date (YYYY-MM-DD or DD/MM/YYYY)"));
        return null;
    }

    /** Euros with at most two decimals; negative for a debit. */
    static BigDecimal amount(int lineNo, int column, String value, List<FieldProblem> problems) {
        String v = value.strip();
        Matcher m = AMOUNT.matcher(v);
        if (!m.matches()) {
            problems.add(new FieldProblem(where(lineNo, column, "amount"), v.isEmpty() ? "is required"
                    : Excerpt.quoted(v) + " is not an amount in euros (e.g. 1234.56, -19,90 or 1 234,56: at most two"
                            + " decimals after . or , and spaces only between thousands)"));
            return null;
        }
        String digits = m.group(2).replaceAll("[ \u00A0\u202F]", "");
        BigDecimal amount = new BigDecimal(digits + "." + (m.group(3) == null ? "00" : m.group(3))).setScale(2);
        return "-".equals(m.group(1)) ? amount.negate() : amount;
    }

    private static String text(int lineNo, int column, String name, String value, int max, List<FieldProblem> problems) {
        String clean = BankText.clean(value);
        if (clean != null && clean.length() > max) {
            problems.add(new FieldProblem(where(lineNo, column, name), "must be at most " + max + " characters"));
            return null;
        }
        return clean;
    }

    private static String where(int lineNo, int column, String name) {
        return "line " + lineNo + ", column " + (column + 1) + " (" + name + ")";
    }

    /** Strict UTF-8: the first bad byte is reported with its line. */
    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidStatementException("line " + line, "is not UTF-8 (byte " + (in.position() + 1)
                    + " of the file): save the export as UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
