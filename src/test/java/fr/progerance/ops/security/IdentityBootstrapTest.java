package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap on a database an earlier version set up: the over-broad grants it created are
 * withdrawn, an operator's grants on named resources are kept, and a second start changes nothing.
 * A plain in-memory engine of its own (authorization on), so the shared Spring context's grants are
 * never touched.
 */
class IdentityBootstrapTest {

    static final String INCIDENTS = "IncidentHandling";
    static final List<ProcessAccess> PROCESSES = List.of(
            new ProcessAccess(INCIDENTS, List.of(OpsGroups.OPS, OpsGroups.MANAGERS), List.of(OpsGroups.OPS)));

    ProcessEngine engine;
    AuthorizationService authorizations;

    @BeforeEach
    void engine() {
        ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:bootstrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setJobExecutorActivate(false);
        configuration.setAuthorizationEnabled(true);
        configuration.setProcessEngineName("bootstrap-test-" + UUID.randomUUID());
        engine = configuration.buildProcessEngine();
        authorizations = engine.getAuthorizationService();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    @DisplayName("The grants of earlier versions on every process, instance, task, decision and deployment are withdrawn; the operator's named grants stay")
    void earlierGrantsAreWithdrawn() {
        earlierVersion();
        // What an operator added by hand in the Admin webapp.
        grant(OpsGroups.OPS, null, Resources.PROCESS_DEFINITION, "BackupRun", Permissions.READ, Permissions.READ_INSTANCE);
        grant(OpsGroups.OPS, null, Resources.PROCESS_DEFINITION, INCIDENTS, ProcessDefinitionPermissions.RETRY_JOB);
        grant(null, "alice", Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(OpsGroups.MANAGERS, null, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setGroupId(OpsGroups.OPS);
        revoke.setResource(Resources.PROCESS_DEFINITION);
        revoke.setResourceId("Secret");
        revoke.removePermission(Permissions.READ);
        authorizations.saveAuthorization(revoke);

        new IdentityBootstrap(engine).ensureBaseline(PROCESSES);

        // The wide grants are the baseline's only: ops may create instances (of what they may start).
        assertThat(wide(OpsGroups.OPS)).containsExactly(Map.entry("ProcessInstance", List.of("CREATE")));
        assertThat(wide(OpsGroups.MANAGERS)).as("the operator's wide grant too: wide grants are the product's")
                .isEmpty();
        assertThat(wide(OpsGroups.MONITORING)).isEmpty();
        // What each group may do on IncidentHandling, and on another process.
        assertThat(allowed(OpsGroups.OPS, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, INCIDENTS)).isTrue();
        assertThat(allowed(OpsGroups.OPS, ProcessDefinitionPermissions.CREATE_INSTANCE, INCIDENTS)).isTrue();
        assertThat(allowed(OpsGroups.OPS, ProcessDefinitionPermissions.UPDATE_TASK, INCIDENTS))
                .as("ops work on the tasks of their candidate group, not on every task").isFalse();
        assertThat(allowed(OpsGroups.OPS, ProcessDefinitionPermissions.READ_INSTANCE, "BillingRun")).isFalse();
        assertThat(allowed(OpsGroups.MANAGERS, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE, INCIDENTS)).isTrue();
        assertThat(allowed(OpsGroups.MANAGERS, ProcessDefinitionPermissions.CREATE_INSTANCE, INCIDENTS)).isFalse();
        assertThat(allowed(OpsGroups.MANAGERS, Permissions.READ, Resources.TASK, "any-task-id")).isFalse();
        assertThat(allowed(OpsGroups.MONITORING, Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isFalse();
        assertThat(allowed(OpsGroups.OPS, Permissions.ACCESS, Resources.APPLICATION, "tasklist")).isTrue();
        // The operator's grants on named resources, to users and revocations are kept.
        assertThat(allowed(OpsGroups.OPS, ProcessDefinitionPermissions.READ_INSTANCE, "BackupRun")).isTrue();
        assertThat(allowed(OpsGroups.OPS, ProcessDefinitionPermissions.RETRY_JOB, INCIDENTS)).isTrue();
        assertThat(authorizations.createAuthorizationQuery().userIdIn("alice").resourceId(Authorization.ANY).count())
                .isEqualTo(1);
        assertThat(authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_REVOKE).count())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("A user's grant on their own account no longer lets them delete it; new users get read and update only")
    void ownAccountGrantIsNarrowed() {
        User before = engine.getIdentityService().newUser("olduser");
        before.setPassword("Old-User-Passw0rd-2026");
        engine.getIdentityService().saveUser(before);
        assertThat(allowedUser("olduser", Permissions.DELETE)).as("Camunda's default: ALL").isTrue();

        new IdentityBootstrap(engine).ensureBaseline(PROCESSES);

        assertThat(allowedUser("olduser", Permissions.DELETE)).isFalse();
        assertThat(allowedUser("olduser", Permissions.UPDATE)).isTrue();
        assertThat(allowedUser("olduser", Permissions.READ)).isTrue();
        assertThat(new OpsAuthorizationProvider().newUser(before)[0].getPermissions(Permissions.values()))
                .filteredOn(p -> p != Permissions.NONE).containsExactlyInAnyOrder(Permissions.READ, Permissions.UPDATE);
    }

    @Test
    @DisplayName("A second start changes nothing (idempotent), on a new database as on an earlier one")
    void idempotent() {
        IdentityBootstrap bootstrap = new IdentityBootstrap(engine);
        bootstrap.ensureBaseline(PROCESSES);
        Map<String, String> first = snapshot();
        bootstrap.ensureBaseline(PROCESSES);
        assertThat(snapshot()).isEqualTo(first);

        earlierVersion();
        bootstrap.ensureBaseline(PROCESSES);
        assertThat(snapshot()).isEqualTo(first);
    }

    /** The grants IdentityBootstrap created before least privilege (and creates no more). */
    private void earlierVersion() {
        grant(OpsGroups.OPS, null, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ,
                Permissions.CREATE_INSTANCE, Permissions.READ_INSTANCE, Permissions.READ_HISTORY, Permissions.READ_TASK,
                Permissions.UPDATE_TASK);
        grant(OpsGroups.OPS, null, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE, Permissions.READ);
        grant(OpsGroups.OPS, null, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(OpsGroups.OPS, null, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        grant(OpsGroups.OPS, null, Resources.TASK, Authorization.ANY, Permissions.READ);
        grant(OpsGroups.MANAGERS, null, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ,
                Permissions.READ_INSTANCE, Permissions.READ_HISTORY, Permissions.READ_TASK);
        grant(OpsGroups.MANAGERS, null, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
        grant(OpsGroups.MANAGERS, null, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(OpsGroups.MANAGERS, null, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        grant(OpsGroups.MANAGERS, null, Resources.TASK, Authorization.ANY, Permissions.READ);
    }

    private void grant(String group, String user, Resource resource, String resourceId, Permission... permissions) {
        var query = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .resourceType(resource).resourceId(resourceId);
        Authorization existing = (group != null ? query.groupIdIn(group) : query.userIdIn(user)).singleResult();
        Authorization auth = existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        auth.setGroupId(group);
        auth.setUserId(user);
        auth.setResource(resource);
        auth.setResourceId(resourceId);
        for (Permission p : permissions) {
            auth.addPermission(p);
        }
        authorizations.saveAuthorization(auth);
    }

    /** The group's wide grants: resource name to granted permission names. */
    private Map<String, List<String>> wide(String group) {
        Map<String, List<String>> grants = new TreeMap<>();
        for (Authorization a : authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceId(Authorization.ANY).list()) {
            Resource resource = org.camunda.bpm.engine.impl.util.ResourceTypeUtil.getResourceByType(a.getResourceType());
            grants.put(resource.resourceName(), java.util.Arrays.stream(a.getPermissions(
                    org.camunda.bpm.engine.impl.util.ResourceTypeUtil.getPermissionsByResourceType(a.getResourceType())))
                    .map(Permission::getName).filter(n -> !n.equals("NONE") && !n.equals("ALL")).sorted().toList());
        }
        return grants;
    }

    private boolean allowed(String group, Permission permission, String processKey) {
        return allowed(group, permission, Resources.PROCESS_DEFINITION, processKey);
    }

    private boolean allowed(String group, Permission permission, Resource resource, String id) {
        return authorizations.isUserAuthorized("someone-in-" + group, List.of(group), permission, resource, id);
    }

    private boolean allowedUser(String user, Permission permission) {
        return authorizations.isUserAuthorized(user, List.of(), permission, Resources.USER, user);
    }

    /** Every authorization, with its permission bits, by who and what. */
    private Map<String, String> snapshot() {
        Map<String, String> all = new TreeMap<>();
        for (Authorization a : authorizations.createAuthorizationQuery().list()) {
            String key = a.getAuthorizationType() + "/" + a.getGroupId() + "/" + a.getUserId() + "/"
                    + a.getResourceType() + "/" + a.getResourceId();
            all.put(key, java.util.Arrays.toString(a.getPermissions(
                    org.camunda.bpm.engine.impl.util.ResourceTypeUtil.getPermissionsByResourceType(a.getResourceType()))));
        }
        return all;
    }
}
