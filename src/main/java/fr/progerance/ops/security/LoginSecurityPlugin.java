package fr.progerance.ops.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Puts the engine's side of login security in place before the engine is built: password checks go
 * through the {@link LoginThrottle} instead of Camunda's per-account lock
 * ({@link ThrottledIdentityProvider}), and every password set through the engine must match the
 * password policy ({@link OpsPasswordPolicy}; refusals are 400s, see
 * {@link PasswordPolicyIdentityService}).
 */
@Component
public class LoginSecurityPlugin extends AbstractProcessEnginePlugin {

    private final LoginThrottle throttle;
    private final PasswordRules passwordRules;

    public LoginSecurityPlugin(LoginThrottle throttle, PasswordRules passwordRules) {
        this.throttle = throttle;
        this.passwordRules = passwordRules;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new ThrottledIdentityProvider.Factory(throttle));
        configuration.setIdentityService(new PasswordPolicyIdentityService());
        configuration.setEnablePasswordPolicy(true);
        configuration.setPasswordPolicy(new OpsPasswordPolicy(passwordRules));
    }
}
