package fr.progerance.ops.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The password policy, without the engine: at least {@code ops.security.password.min-length}
 * characters, not the user id nor containing it, and not a commonly used password. The engine applies
 * it to every password set through it ({@link OpsPasswordPolicy}); the start-up check applies it to
 * the passwords of the settings ({@link AdminPasswordCheck}).
 *
 * <p>"Commonly used" means: one of the bundled list {@code security/weak-passwords.txt}, whatever the
 * letter case, also with digits or symbols before or after it ({@code Motdepasse2024!}), or a
 * password of fewer than {@value #MIN_DISTINCT_CHARACTERS} different characters
 * ({@code aaaaaaaaaaaa}, {@code 121212121212}).
 */
public final class PasswordRules {

    /** The default of {@code ops.security.password.min-length}. */
    public static final int DEFAULT_MIN_LENGTH = 12;
    /** The setting that holds the minimum length. */
    public static final String MIN_LENGTH_SETTING = "ops.security.password.min-length";
    static final int MIN_DISTINCT_CHARACTERS = 5;
    /** A user id shorter than this is refused as the whole password only, not as a part of it. */
    static final int MIN_CONTAINED_ID_LENGTH = 3;

    private static final Set<String> COMMON = load("/security/weak-passwords.txt");

    /** The rules, each with the words an error message uses. */
    public enum Rule {
        LENGTH, USER_ID, COMMON
    }

    private final int minLength;

    public PasswordRules(int minLength) {
        if (minLength < 1) {
            throw new IllegalArgumentException(MIN_LENGTH_SETTING + " must be at least 1, not " + minLength);
        }
        this.minLength = minLength;
    }

    public int minLength() {
        return minLength;
    }

    /** Whether the password passes the rule ({@code userId} may be null: the id rule then passes). */
    public boolean passes(Rule rule, String password, String userId) {
        if (password == null) {
            return false;
        }
        return switch (rule) {
            case LENGTH -> password.codePointCount(0, password.length()) >= minLength;
            case USER_ID -> !containsUserId(password, userId);
            case COMMON -> !isCommon(password);
        };
    }

    /** What the rule asks, as an error message says it. */
    public String describe(Rule rule) {
        return switch (rule) {
            case LENGTH -> "at least " + minLength + " characters";
            case USER_ID -> "not the user id, nor containing it";
            case COMMON -> "not a commonly used password (such as 'motdepasse' or 'azerty123', whatever the case "
                    + "and the digits or symbols around it), with at least " + MIN_DISTINCT_CHARACTERS
                    + " different characters";
        };
    }

    /** The descriptions of the rules the password breaks, in the rules' order; empty when it is accepted. */
    public List<String> violations(String password, String userId) {
        List<String> broken = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            if (!passes(rule, password, userId)) {
                broken.add(describe(rule));
            }
        }
        return broken;
    }

    private static boolean containsUserId(String password, String userId) {
        if (userId == null || userId.isBlank()) {
            return false;
        }
        String p = password.toLowerCase(Locale.ROOT);
        String id = userId.trim().toLowerCase(Locale.ROOT);
        return id.length() < MIN_CONTAINED_ID_LENGTH ? p.equals(id) : p.contains(id);
    }

    private static boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || COMMON.contains(stripNonLetters(lower))) {
            return true;
        }
        return lower.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS;
    }

    /** The password without the digits, symbols and spaces before its first and after its last letter. */
    private static String stripNonLetters(String password) {
        int start = 0;
        int end = password.length();
        while (start < end && !Character.isLetter(password.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(password.charAt(end - 1))) {
            end--;
        }
        return password.substring(start, end);
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing the list of common passwords " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip().toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
