package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The password policy's rules, without the engine. */
class PasswordRulesTest {

    private final PasswordRules rules = new PasswordRules(PasswordRules.DEFAULT_MIN_LENGTH);

    @Test
    @DisplayName("At least 12 characters, counted as characters, not bytes")
    void length() {
        assertThat(rules.passes(PasswordRules.Rule.LENGTH, "x", null)).isFalse();
        assertThat(rules.passes(PasswordRules.Rule.LENGTH, "elevenchars", null)).isFalse();
        assertThat(rules.passes(PasswordRules.Rule.LENGTH, "twelve chars", null)).isTrue();
        assertThat(rules.passes(PasswordRules.Rule.LENGTH, "ééééé-ààààà", null)).isFalse();
        assertThat(new PasswordRules(20).violations("twelve chars", null)).containsExactly("at least 20 characters");
    }

    @Test
    @DisplayName("Not the user id, nor containing it, whatever the case; a very short id only as the whole password")
    void userId() {
        assertThat(rules.passes(PasswordRules.Rule.USER_ID, "marcdurand", "marcdurand")).isFalse();
        assertThat(rules.passes(PasswordRules.Rule.USER_ID, "I am MarcDurand!", "marcdurand")).isFalse();
        assertThat(rules.passes(PasswordRules.Rule.USER_ID, "marc-durand-rocks", "marcdurand")).isTrue();
        assertThat(rules.passes(PasswordRules.Rule.USER_ID, "a long passphrase", "al")).isTrue();
        assertThat(rules.passes(PasswordRules.Rule.USER_ID, "al", "al")).isFalse();
        assertThat(rules.passes(PasswordRules.Rule.USER_ID, "anything at all", null)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("Commonly used passwords are refused, whatever the case and the digits or symbols around them")
    @ValueSource(strings = {"password", "Password", "PASSWORD123!", "motdepasse", "Motdepasse2024!", "azerty",
        "azertyuiop", "2024azerty", "qwerty123456", "soleil", "123456789012", "aaaaaaaaaaaa", "abababababab",
        "121212121212", "Progerance2026", "!!Camunda!!"})
    void common(String password) {
        assertThat(rules.passes(PasswordRules.Rule.COMMON, password, null)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("Passphrases and the suite's test passwords pass every rule")
    @ValueSource(strings = {"Correct horse battery staple", "test-admin-secret", "a-long-password", "a long secret",
        "test-monitoring-secret", "fm-manager-password", "e2e-alice-password", "tasklist-ops-password",
        "pg-admin-password", "it-admin-password", "ops-it-password", "my password is a sentence"})
    void accepted(String password) {
        assertThat(rules.violations(password, "someuser")).isEmpty();
    }

    @Test
    @DisplayName("The demo profile's documented logins would break the policy: DemoUsers sets them without it")
    void demoLoginsAreWeak() {
        for (String login : new String[] {"demo", "alice", "marc"}) {
            assertThat(rules.violations(login, login)).contains("at least 12 characters",
                    "not the user id, nor containing it");
        }
    }

    @Test
    @DisplayName("Violations are described in the rules' order")
    void descriptions() {
        assertThat(rules.violations("x", "x")).containsExactly("at least 12 characters",
                "not the user id, nor containing it", rules.describe(PasswordRules.Rule.COMMON));
        assertThat(rules.describe(PasswordRules.Rule.COMMON)).contains("commonly used");
    }
}
