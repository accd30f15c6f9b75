package fr.progerance.ops.billing.statement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a bank file writes is shown to ops and kept on records: one line of plain text, bounded.
 * Control characters, line breaks, tabs, text-direction overrides and lone surrogates become spaces
 * (the rules of {@link fr.progerance.ops.web.TextRules}), runs of blanks one space.
 */
final class BankText {

    static final String ELLIPSIS = "…";

    private BankText() {
    }

    /** {@code text} as one clean line, or null when it holds nothing. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean blank = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
                blank = false;
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || refused(c)) {
                if (!blank && !out.isEmpty()) {
                    out.append(' ');
                }
                blank = true;
            } else {
                out.append(c);
                blank = false;
            }
        }
        String result = out.toString().strip();
        return result.isEmpty() ? null : result;
    }

    /** {@link #clean} and at most {@code max} characters (then ending with "…"). */
    static String bounded(String text, int max) {
        String clean = clean(text);
        if (clean == null || clean.length() <= max) {
            return clean;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + ELLIPSIS;
    }

    private static boolean refused(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /** Lower-case hexadecimal SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
