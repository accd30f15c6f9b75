package fr.progerance.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Excerpt: error messages quote a short prefix of what was sent")
class ExcerptTest {

    @Test
    @DisplayName("A value is quoted by its first 40 characters, then …")
    void quote() {
        assertThat(Excerpt.quoted("abc")).isEqualTo("'abc'");
        assertThat(Excerpt.of("x".repeat(40))).isEqualTo("x".repeat(40));
        assertThat(Excerpt.of("x".repeat(41))).isEqualTo("x".repeat(40) + "…");
        assertThat(Excerpt.of(null)).isEqualTo("null");
        assertThat(Excerpt.of("a\u0000b\u001bc")).isEqualTo("a?b?c");
    }

    @Test
    @DisplayName("A cut never splits a character outside the BMP")
    void surrogates() {
        String emoji = "\uD83D\uDE00";
        String cut = Excerpt.of("x".repeat(39) + emoji + "yyy");
        assertThat(cut).isEqualTo("x".repeat(39) + "…");
    }

    @Test
    @DisplayName("A message keeps its words, cuts pasted values and stays under 1000 characters")
    void message() {
        assertThat(Excerpt.message(null)).isNull();
        assertThat(Excerpt.message("Cannot complete task 42: the cause is required")).isEqualTo(
                "Cannot complete task 42: the cause is required");
        String id = "IncidentHandling:12:0f9b5c1e-1d2f-11f0-9e8a-0242ac120002";
        assertThat(Excerpt.message("Cannot start " + id + ": refused")).isEqualTo("Cannot start " + id + ": refused");
        assertThat(Excerpt.message("User id '" + "u".repeat(100_000) + "' is not a valid resource identifier."))
                .isEqualTo("User id '" + "u".repeat(39) + "…' is not a valid resource identifier.");
        assertThat(Excerpt.message("line one\nline\ttwo")).isEqualTo("line one line two");
        String many = Excerpt.message("word ".repeat(10_000));
        assertThat(many).hasSize(Excerpt.MESSAGE_LENGTH + 1).endsWith("…");
    }
}
