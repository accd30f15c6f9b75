package fr.progerance.ops.web;

import java.util.Optional;

/**
 * Issue 7 (6): what a text field may hold. Names, addresses and summaries are one line; notes may
 * span lines. Neither holds control characters (NUL, ESC, tab, DEL, C1 controls...), Unicode line or
 * paragraph separators, text-direction overrides (which make a text read differently from what it
 * is) or lone surrogates (not text at all): they corrupt logs, mails, terminals and the forms that
 * show them again. Every text field also has a maximum length ({@code @Size} on request records,
 * {@link #problem(String, boolean, int)} elsewhere).
 */
public final class TextRules {

    private TextRules() {
    }

    /** What is wrong with the characters of {@code text} (null is fine), or empty. */
    public static Optional<String> problem(String text, boolean multiLine) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (multiLine && (c == '\n' || c == '\r')) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a character beyond the BMP (an emoji, a rare ideogram): text
                continue;
            }
            String what = refused(text, i);
            if (what != null) {
                return Optional.of((multiLine ? "must not contain control characters other than line breaks"
                        : "must be one line without control characters") + " (found " + what + " at character "
                        + (i + 1) + ")");
            }
        }
        return Optional.empty();
    }

    /** As {@link #problem(String, boolean)}, and at most {@code max} characters. */
    public static Optional<String> problem(String text, boolean multiLine, int max) {
        if (text != null && text.length() > max) {
            return Optional.of("must be at most " + max + " characters");
        }
        return problem(text, multiLine);
    }

    /** The name of the refused character at {@code i}, or null when it is allowed. */
    private static String refused(String text, int i) {
        char c = text.charAt(i);
        if (Character.isSurrogate(c)) {
            return "a lone surrogate " + code(c);
        }
        return switch (c) {
            case '\0' -> "NUL";
            case '\t' -> "a tab";
            case '\n', '\r' -> "a line break";
            case '\u000B' -> "a vertical tab";
            case '\u000C' -> "a form feed";
            case '\u001B' -> "ESC";
            case '\u007F' -> "DEL";
            case '\u2028', '\u2029' -> "a line separator " + code(c);
            case '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069' ->
                    "a text-direction control " + code(c);
            default -> Character.isISOControl(c) ? "the control character " + code(c) : null;
        };
    }

    private static String code(char c) {
        return String.format("U+%04X", (int) c);
    }
}
