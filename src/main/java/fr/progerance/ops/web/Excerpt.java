package fr.progerance.ops.web;

/**
 * Keeps error answers short whatever was sent (issue 7, section 4): a message quotes at most a
 * short prefix of a value, and no message grows with the input. Used by the API's error model and
 * by the errors of Camunda's REST API on their way out.
 */
public final class Excerpt {

    /** Characters of a value a message may quote; longer values end with {@link #ELLIPSIS}. */
    public static final int QUOTE_LENGTH = 40;
    /**
     * Longest message (or problem message) an error answer carries: room for the longest the
     * application writes from its records (an activation refused for a dozen prerequisites).
     */
    public static final int MESSAGE_LENGTH = 1000;
    /** A run of non-blank characters longer than this in a message is a pasted value: it is cut to {@link #QUOTE_LENGTH}. */
    public static final int WORD_LENGTH = 64;
    public static final String ELLIPSIS = "…";

    private Excerpt() {
    }

    /**
     * At most {@value #QUOTE_LENGTH} characters of {@code value} ({@code String.valueOf}), followed
     * by "…" when cut; control characters become '?'. {@code null} stays "null".
     */
    public static String of(Object value) {
        return cut(String.valueOf(value), QUOTE_LENGTH);
    }

    /** {@link #of} between single quotes: {@code 'abc'}. */
    public static String quoted(Object value) {
        return "'" + of(value) + "'";
    }

    /**
     * A message safe to answer: every run of more than {@value #WORD_LENGTH} non-blank characters
     * (a value pasted into the message) keeps its first {@value #QUOTE_LENGTH}, line breaks and other
     * blanks become spaces, control characters '?', and the whole is at most {@value #MESSAGE_LENGTH}
     * characters (then ending with "…"). Null stays null.
     */
    public static String message(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MESSAGE_LENGTH + 1));
        int i = 0;
        int n = message.length();
        while (i < n && out.length() <= MESSAGE_LENGTH) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c)) {
                out.append(' ');
                i++;
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(message.charAt(end))) {
                end++;
            }
            String word = message.substring(i, Math.min(end, i + WORD_LENGTH + 1));
            out.append(end - i > WORD_LENGTH ? cut(word, QUOTE_LENGTH) + closingQuote(message, i, end)
                    : clean(word));
            i = end;
        }
        return cut(out.toString(), MESSAGE_LENGTH);
    }

    /** A cut quoted value keeps its closing quote, so the message still reads {@code 'abc…'}. */
    private static String closingQuote(String message, int start, int end) {
        char first = message.charAt(start);
        char last = message.charAt(end - 1);
        if ((first == '\'' || first == '"') && last == first) {
            return String.valueOf(last);
        }
        return "";
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return clean(text);
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return clean(text.substring(0, end)) + ELLIPSIS;
    }

    private static String clean(String text) {
        boolean controls = false;
        for (int i = 0; i < text.length() && !controls; i++) {
            controls = Character.isISOControl(text.charAt(i));
        }
        if (!controls) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }
}
