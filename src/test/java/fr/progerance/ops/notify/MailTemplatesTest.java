package fr.progerance.ops.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The template conventions: subject line, body normalisation, names. */
class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates();

    @Test
    @DisplayName("The shipped templates exist; names are lower-case words joined by '-'")
    void names() {
        assertThat(templates.exists("decision-request")).isTrue();
        assertThat(templates.exists("plain-notice")).isTrue();
        assertThat(templates.exists("nope")).isFalse();
        assertThat(templates.exists("../application")).isFalse();
        assertThat(templates.exists("Plain-Notice")).isFalse();
    }

    @Test
    @DisplayName("The subject is folded onto one line; the body loses trailing spaces and runs of blank lines")
    void normalisation() {
        assertThat(MailTemplates.oneLine("\n Un \r\n  sujet\t\n")).isEqualTo("Un sujet");
        assertThat(MailTemplates.body("\n\nCorps   \r\n\n\n\nFin\n\n")).isEqualTo("Corps\n\nFin\n");
    }

    @Test
    @DisplayName("An empty subject is refused")
    void subjectRequired() {
        assertThatThrownBy(() -> templates.render("plain-notice", OutgoingMail.FRENCH, Map.of("subject", "  ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty subject");
    }

    @Test
    @DisplayName("The HTML alternative escapes model values")
    void htmlEscapes() {
        RenderedMail mail = templates.render("decision-request", OutgoingMail.FRENCH, Map.of(
                "question", "<script>alert(1)</script>", "details", List.of(), "approveUrl", "https://x/a",
                "declineUrl", "https://x/d", "pageUrl", "https://x", "expiresAt", "demain", "noAnswer", "rien",
                "supportAddress", "support@progerance.example"));
        assertThat(mail.html()).contains("&lt;script&gt;").doesNotContain("<script>");
    }
}
