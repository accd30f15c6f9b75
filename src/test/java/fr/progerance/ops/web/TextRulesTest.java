package fr.progerance.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Issue 7 (6): text fields hold plain text")
class TextRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Boutique Dupont", "Société Générale – Agence n°12", "日本語のショップ", "emoji 🛒 ok",
        "Ω≈ç√∫", "l'été \"chaud\" (50 %)", "a\u200Db", ""})
    @DisplayName("letters of any script, punctuation, symbols and emoji are text")
    void accepted(String text) {
        assertThat(TextRules.problem(text, false)).isEmpty();
        assertThat(TextRules.problem(text, true)).isEmpty();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("Boutique\u0000", "NUL at character 9"),
                Arguments.of("\u001B[31mrouge", "ESC at character 1"),
                Arguments.of("a\tb", "a tab at character 2"),
                Arguments.of("a\u007Fb", "DEL at character 2"),
                Arguments.of("a\u0007b", "the control character U+0007 at character 2"),
                Arguments.of("a\u009Bb", "the control character U+009B at character 2"),
                Arguments.of("a\u0085b", "the control character U+0085 at character 2"),
                Arguments.of("a\u000Bb", "a vertical tab at character 2"),
                Arguments.of("a\u2028b", "a line separator U+2028 at character 2"),
                Arguments.of("abc\u202Etxt.exe", "a text-direction control U+202E at character 4"),
                Arguments.of("a\u2066b", "a text-direction control U+2066 at character 2"),
                Arguments.of("a\uD800b", "a lone surrogate U+D800 at character 2"),
                Arguments.of("a\uDC00b", "a lone surrogate U+DC00 at character 2"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    @DisplayName("NUL, ESC, tab, DEL, C1 controls, separators, direction overrides and lone surrogates are refused everywhere")
    void refusedEverywhere(String text, String found) {
        assertThat(TextRules.problem(text, false))
                .contains("must be one line without control characters (found " + found + ")");
        assertThat(TextRules.problem(text, true))
                .contains("must not contain control characters other than line breaks (found " + found + ")");
    }

    @Test
    @DisplayName("line breaks (LF, CRLF) only in multi-line notes")
    void lineBreaks() {
        assertThat(TextRules.problem("ligne 1\nligne 2\r\nligne 3", true)).isEmpty();
        assertThat(TextRules.problem("ligne 1\nligne 2", false))
                .contains("must be one line without control characters (found a line break at character 8)");
        assertThat(TextRules.problem("ligne 1\r", false)).isPresent();
    }

    @Test
    @DisplayName("a maximum length, in characters")
    void maximumLength() {
        assertThat(TextRules.problem("x".repeat(10), true, 10)).isEmpty();
        assertThat(TextRules.problem("x".repeat(11), true, 10)).contains("must be at most 10 characters");
        assertThat(TextRules.problem(null, false, 10)).isEmpty();
    }
}
