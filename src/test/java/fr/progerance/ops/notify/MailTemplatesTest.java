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

    @Test
    @DisplayName("R4.3-t3: the French texts clients read live in templates: the action and its question")
    void incidentActionTexts() {
        assertThat(templates.text("incident-action", Map.of("action", "RESTORE_BACKUP", "description",
                "restaurer la base"))).isEqualTo("restauration d'une sauvegarde — restaurer la base");
        assertThat(templates.text("incident-action", Map.of("action", "OTHER", "description", "changer le disque")))
                .isEqualTo("intervention spécifique — changer le disque");
        assertThat(templates.text("incident-action-question", Map.of("serverName", "web-01", "actionText",
                "migration vers un autre serveur — vers web-02", "cost", "900.00")))
                .isEqualTo("Autorisez-vous l'intervention suivante sur le serveur web-01 : migration vers un autre"
                        + " serveur — vers web-02 (coût estimé 900.00 € HT) ?");
    }

    @Test
    @DisplayName("R4.3-t5: what happens without an answer depends on the contact's place in the list and the contract")
    void noAnswerTexts() {
        assertThat(templates.text("incident-action-no-answer", Map.of("last", false, "ready", true, "minutes", 15L)))
                .contains("contact suivant").contains("15 minutes");
        assertThat(templates.text("incident-action-no-answer", Map.of("last", true, "ready", true, "minutes", 15L)))
                .contains("procédure d'urgence");
        assertThat(templates.text("incident-action-no-answer", Map.of("last", true, "ready", false, "minutes", 15L)))
                .contains("sans impact sur l'infrastructure");
    }

    @Test
    @DisplayName("RD-extra: the quote's question and what happens without an answer")
    void quoteTexts() {
        assertThat(templates.text("incident-quote-question", Map.of("amount", "450.00", "serverName", "web-01",
                "description", "remplacer le disque"))).contains("450.00 € HT").contains("web-01");
        assertThat(templates.text("incident-quote-no-answer", Map.of())).contains("hébergeur reste seul en charge");
        assertThatThrownBy(() -> templates.text("../mail/decision-request", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
