package fr.progerance.ops.demo;

import fr.progerance.ops.security.IdentityBootstrap;
import fr.progerance.ops.security.IdentityContributor;
import fr.progerance.ops.security.OpsGroups;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The documented demo logins (README): {@code demo/demo} (administrator, ops and manager),
 * {@code alice/alice} (ops) and {@code marc/marc} (manager). Only with the {@code demo} profile.
 * They are deliberately weak and documented, so they are set without the password policy; every
 * password set later (Admin webapp, REST API) must match it.
 */
@Component
@Profile("demo")
public class DemoUsers implements IdentityContributor {

    @Override
    public void contribute(IdentityBootstrap identities) {
        identities.ensureDemoUser("demo", "demo", "Demo", "User", "demo@progerance.example",
                List.of(OpsGroups.ADMIN, OpsGroups.OPS, OpsGroups.MANAGERS));
        identities.ensureDemoUser("alice", "alice", "Alice", "Martin", "alice@progerance.example",
                List.of(OpsGroups.OPS));
        identities.ensureDemoUser("marc", "marc", "Marc", "Durand", "marc@progerance.example",
                List.of(OpsGroups.MANAGERS));
    }
}
