package fr.progerance.ops.security;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;

/**
 * The engine's identity service, with one difference: a password the policy refuses is a
 * {@link BadUserRequestException} naming the rules it breaks, so the REST APIs answer 400 with that
 * message, where Camunda throws a bare {@code ProcessEngineException("Password does not match
 * policy")} that they answer with 500. The check itself stays Camunda's (in its save-user command);
 * this class only remembers which rules failed while a user is saved.
 */
final class PasswordPolicyIdentityService extends IdentityServiceImpl {

    /** Set while {@link #saveUser(User, boolean)} runs on this thread: the policy's refusal, if any. */
    private final ThreadLocal<PasswordPolicyResult[]> saving = new ThreadLocal<>();

    @Override
    public void saveUser(User user, boolean skipPasswordPolicy) {
        PasswordPolicyResult[] refusal = new PasswordPolicyResult[1];
        PasswordPolicyResult[] outer = saving.get();
        saving.set(refusal);
        try {
            super.saveUser(user, skipPasswordPolicy);
        } catch (ProcessEngineException e) {
            if (refusal[0] != null && !(e instanceof BadUserRequestException)) {
                throw new BadUserRequestException(message(refusal[0]), e);
            }
            throw e;
        } finally {
            if (outer == null) {
                saving.remove();
            } else {
                saving.set(outer);
            }
        }
    }

    @Override
    public PasswordPolicyResult checkPasswordAgainstPolicy(PasswordPolicy policy, String candidatePassword,
            User user) {
        PasswordPolicyResult result = super.checkPasswordAgainstPolicy(policy, candidatePassword, user);
        PasswordPolicyResult[] refusal = saving.get();
        if (refusal != null && !result.isValid()) {
            refusal[0] = result;
        }
        return result;
    }

    static String message(PasswordPolicyResult result) {
        List<String> broken = result.getViolatedRules().stream().map(PasswordPolicyIdentityService::describe)
                .toList();
        return "The password does not match the password policy, which asks for " + String.join("; ", broken);
    }

    private static String describe(PasswordPolicyRule rule) {
        return rule instanceof OpsPasswordPolicy.OpsRule ops ? ops.description() : rule.getPlaceholder();
    }
}
