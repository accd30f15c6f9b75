package fr.progerance.ops.security;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;

/**
 * {@link PasswordRules} as Camunda's password policy, so the engine checks every password set
 * through it (REST API, Admin webapp, Java API) and the Admin webapp shows the rules while a password
 * is typed ({@code /identity/password-policy}). The length and user-id rules use Camunda's own
 * placeholders, which the webapps translate; the common-password rule has its own.
 */
final class OpsPasswordPolicy implements PasswordPolicy {

    static final String PLACEHOLDER_LENGTH = "PASSWORD_POLICY_LENGTH";
    static final String PLACEHOLDER_USER_DATA = "PASSWORD_POLICY_USER_DATA";
    static final String PLACEHOLDER_COMMON = "PASSWORD_POLICY_NOT_COMMON";

    private final List<PasswordPolicyRule> rules;

    OpsPasswordPolicy(PasswordRules passwordRules) {
        this.rules = Arrays.stream(PasswordRules.Rule.values())
                .<PasswordPolicyRule>map(rule -> new OpsRule(passwordRules, rule)).toList();
    }

    @Override
    public List<PasswordPolicyRule> getRules() {
        return rules;
    }

    /** One of {@link PasswordRules}, with the words an error message uses ({@link #description()}). */
    static final class OpsRule implements PasswordPolicyRule {

        private final PasswordRules rules;
        private final PasswordRules.Rule rule;

        OpsRule(PasswordRules rules, PasswordRules.Rule rule) {
            this.rules = rules;
            this.rule = rule;
        }

        String description() {
            return rules.describe(rule);
        }

        @Override
        public String getPlaceholder() {
            return switch (rule) {
                case LENGTH -> PLACEHOLDER_LENGTH;
                case USER_ID -> PLACEHOLDER_USER_DATA;
                case COMMON -> PLACEHOLDER_COMMON;
            };
        }

        @Override
        public Map<String, String> getParameters() {
            return rule == PasswordRules.Rule.LENGTH ? Map.of("minLength", String.valueOf(rules.minLength())) : null;
        }

        @Override
        public boolean execute(String candidatePassword) {
            return rules.passes(rule, candidatePassword, null);
        }

        @Override
        public boolean execute(String candidatePassword, User user) {
            return rules.passes(rule, candidatePassword, user == null ? null : user.getId());
        }
    }
}
