package fr.progerance.ops.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Puts the engine's side of login security in place before the engine is built: password checks go
 * through the {@link LoginThrottle} instead of Camunda's per-account lock
 * ({@link ThrottledIdentityProvider}).
 */
@Component
public class LoginSecurityPlugin extends AbstractProcessEnginePlugin {

    private final LoginThrottle throttle;

    public LoginSecurityPlugin(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new ThrottledIdentityProvider.Factory(throttle));
    }
}
