package fr.progerance.ops.security;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs {@link IdentityBootstrap} once the engine is built, before the webapps serve anyone, with
 * the {@link ProcessAccess} every process package declares, then creates the administrator from
 * the settings (group {@code camunda-admin}), which also
 * closes the webapps' first-user setup.
 */
@Component
public class IdentityPlugin extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityPlugin.class);

    private final AdminSettings admin;
    private final MonitoringSettings monitoring;
    private final List<IdentityContributor> contributors;
    private final List<ProcessAccess> processes;

    public IdentityPlugin(AdminSettings admin, MonitoringSettings monitoring, List<IdentityContributor> contributors,
            List<ProcessAccess> processes) {
        this.admin = admin;
        this.monitoring = monitoring;
        this.contributors = contributors;
        this.processes = processes;
    }

    /** New users get {@link OpsAuthorizationProvider}'s grant on themselves, not Camunda's ALL. */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new OpsAuthorizationProvider());
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityBootstrap identities = new IdentityBootstrap(engine);
        identities.ensureBaseline(processes);
        if (admin.hasPassword()) {
            identities.ensureUser(admin.username(), admin.password(), "Administrator", "", null,
                    List.of(OpsGroups.ADMIN));
        } else {
            LOG.warn("No administrator password is set (OPS_ADMIN_PASSWORD): only the demo login exists");
        }
        if (monitoring.hasPassword()) {
            identities.ensureUser(monitoring.username(), monitoring.password(), "Monitoring", "", null,
                    List.of(OpsGroups.MONITORING));
        }
        contributors.forEach(c -> c.contribute(identities));
    }
}
