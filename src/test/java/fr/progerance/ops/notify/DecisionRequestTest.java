package fr.progerance.ops.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The checks of a decision request and the variable names of its answer. */
class DecisionRequestTest {

    private static DecisionRequest request(String purpose, String prefix, Duration validity) {
        return new DecisionRequest("key", purpose, "Question ?", "  ", "pi-1", "Message_X", prefix, null, null, validity);
    }

    @Test
    @DisplayName("Blank details become null; codes, prefixes and validity are checked")
    void checks() {
        assertThat(request("INCIDENT_ACTION", null, null).details()).isNull();
        assertThatThrownBy(() -> request("incident action", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("QUOTE", "Restore", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("QUOTE", "re-store", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("QUOTE", null, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionRequest("k", "QUOTE", "x".repeat(2001), null, "pi", "M", null, null, null,
                null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionRequest(" ", "QUOTE", "Q", null, "pi", "M", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Variables: decisionId/decisionApproved/decisionChannel, or prefixed in lower camel case")
    void variableNames() {
        Instant now = Instant.parse("2026-04-07T08:00:00Z");
        ClientDecision plain = new ClientDecision("id", request("QUOTE", null, null), now, now.plusSeconds(60));
        ClientDecision prefixed = new ClientDecision("id", request("RESTORE", "restore", null), now, now.plusSeconds(60));
        assertThat(plain.variableName(ClientDecisions.VAR_APPROVED)).isEqualTo("decisionApproved");
        assertThat(prefixed.variableName(ClientDecisions.VAR_APPROVED)).isEqualTo("restoreDecisionApproved");
        assertThat(prefixed.variableName(ClientDecisions.VAR_DECISION_ID)).isEqualTo("restoreDecisionId");
    }

    @Test
    @DisplayName("A decision is open until its expiry (exclusive) and only while PENDING; final states are final")
    void lifecycle() {
        Instant now = Instant.parse("2026-04-07T08:00:00Z");
        ClientDecision d = new ClientDecision("id", request("QUOTE", null, null), now, now.plusSeconds(60));
        assertThat(d.isOpenAt(now.plusSeconds(59))).isTrue();
        assertThat(d.isOpenAt(now.plusSeconds(60))).isFalse();
        d.answer(Answer.APPROVE, AnswerChannel.LINK, now, "pseudonym", null);
        assertThat(d.getStatus()).isEqualTo(DecisionStatus.APPROVED);
        assertThat(d.isOpenAt(now)).isFalse();
        assertThatThrownBy(() -> d.answer(Answer.DECLINE, AnswerChannel.PHONE, now, null, "ops"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.close(DecisionStatus.CANCELLED, now)).isInstanceOf(IllegalStateException.class);
        assertThat(d.toString()).doesNotContain("Question");
    }
}
