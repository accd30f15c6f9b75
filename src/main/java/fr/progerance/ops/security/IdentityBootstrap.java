package fr.progerance.ops.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the engine's identities in the state the product needs, idempotently, at every start:
 * the groups {@code camunda-admin}, {@code ops}, {@code managers} and {@code monitoring} with their
 * authorizations (least privilege: see the authorization matrix in the README), the administrator
 * from the settings, and Tasklist filters.
 *
 * <p>What the bootstrap owns, and so sets at every start, and what it leaves to an operator:
 * <ul>
 *   <li>The <b>wide grants</b> (resource id {@code *}) of the product's groups ({@link #PRODUCT_GROUPS}:
 *       ops, managers, monitoring) are the product's: each is set to exactly the baseline below, and
 *       deleted when the baseline has none for its resource type. This is how the over-broad grants
 *       of earlier versions (ops and managers on every process definition, instance, task, decision
 *       and deployment) are withdrawn from existing databases. To give a group more, grant it on a
 *       named resource (a process definition key, a filter) or use a group of your own.</li>
 *   <li>The grants on <b>named resources</b> (a process definition key of a {@link ProcessAccess},
 *       the webapps, the filters) are only completed: missing permissions are added, permissions an
 *       operator added are kept.</li>
 *   <li>A user's grant on their own account is narrowed to {@link OpsAuthorizationProvider#OWN_ACCOUNT}
 *       (read and update: profile, password); Camunda created it with ALL, deleting included.</li>
 *   <li>Everything else is the operator's and kept: grants on other named resources, grants to
 *       users or to other groups, revocations, and the other grants the engine creates (on a task
 *       for its candidate groups and assignee, on a group for its members).</li>
 * </ul>
 */
public class IdentityBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);
    private static final String ANY = Authorization.ANY;

    static final String FILTER_MY_TASKS = "My tasks";
    static final String FILTER_GROUP_TASKS = "Tasks for my groups";
    static final String FILTER_ALL_TASKS = "All open tasks";

    /** The groups whose wide grants ({@code *}) the bootstrap owns; administrators keep everything. */
    public static final List<String> PRODUCT_GROUPS = List.of(OpsGroups.OPS, OpsGroups.MANAGERS, OpsGroups.MONITORING);

    /**
     * What a reader of a process may do on its definition: see the model and its forms, its
     * instances, their variables and history, and its tasks and their variables. Nothing that writes.
     */
    static final List<Permission> READER = List.of(ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
            ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
            ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_TASK_VARIABLE);

    /** What a starter of a process may do on its definition besides reading it. */
    static final List<Permission> STARTER = List.of(ProcessDefinitionPermissions.CREATE_INSTANCE);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;

    public IdentityBootstrap(ProcessEngine engine) {
        this.identity = engine.getIdentityService();
        this.authorizations = engine.getAuthorizationService();
        this.filters = engine.getFilterService();
        this.tasks = engine.getTaskService();
    }

    /** Groups, their authorizations and the Tasklist filters, for these processes. */
    public void ensureBaseline(List<ProcessAccess> processes) {
        ensureGroup(OpsGroups.ADMIN, "Administrators", Groups.GROUP_TYPE_SYSTEM);
        ensureGroup(OpsGroups.OPS, "Operations", Groups.GROUP_TYPE_WORKFLOW);
        ensureGroup(OpsGroups.MANAGERS, "Managers", Groups.GROUP_TYPE_WORKFLOW);
        ensureGroup(OpsGroups.MONITORING, "Monitoring (metrics only)", Groups.GROUP_TYPE_SYSTEM);

        // Administrators may do everything, as Camunda's own first-user setup grants.
        for (Resource resource : Resources.values()) {
            grant(OpsGroups.ADMIN, resource, ANY, Permissions.ALL);
        }

        // The only wide grant of the product's groups: starting an instance needs CREATE on any
        // process instance besides CREATE_INSTANCE on its definition (granted per process below).
        Map<String, Map<Resource, List<Permission>>> wide = new HashMap<>();
        PRODUCT_GROUPS.forEach(group -> wide.put(group, new HashMap<>()));
        for (ProcessAccess process : processes) {
            for (String group : process.starters()) {
                wide.computeIfAbsent(group, g -> new HashMap<>())
                        .put(Resources.PROCESS_INSTANCE, List.of(ProcessInstancePermissions.CREATE));
            }
        }
        for (String group : PRODUCT_GROUPS) {
            ownWideGrants(group, wide.get(group));
        }
        wide.forEach((group, grants) -> grants.forEach((resource, permissions) ->
                grant(group, resource, ANY, permissions.toArray(Permission[]::new))));

        // Ops and managers work in Tasklist and look at their processes in Cockpit; monitoring
        // has nothing in the engine (it reads /actuator only).
        for (String group : List.of(OpsGroups.OPS, OpsGroups.MANAGERS)) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        }

        // Each process: its readers and starters on its definition key, never on all processes.
        for (ProcessAccess process : processes) {
            for (String group : process.readers()) {
                List<Permission> permissions = new ArrayList<>(READER);
                if (process.starters().contains(group)) {
                    permissions.addAll(STARTER);
                }
                grant(group, Resources.PROCESS_DEFINITION, process.processKey(), permissions.toArray(Permission[]::new));
            }
        }

        // Users manage their own profile and password, nothing more (Camunda's default was ALL).
        narrowOwnAccountGrants();

        // Tasklist opens the filter with the lowest priority: ops start with their group's work.
        // Filters show only the tasks a user may read (their groups' tasks, their processes' tasks).
        ensureFilter(FILTER_MY_TASKS, -5, "Tasks assigned to me",
                tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"),
                List.of(OpsGroups.OPS, OpsGroups.MANAGERS));
        ensureFilter(FILTER_GROUP_TASKS, -10, "Unclaimed tasks of my groups",
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned(),
                List.of(OpsGroups.OPS, OpsGroups.MANAGERS));
        ensureFilter(FILTER_ALL_TASKS, 0, "Every open task, for managers",
                tasks.createTaskQuery(), List.of(OpsGroups.MANAGERS));
    }

    /**
     * Makes sure the user exists with this password and belongs to these groups. An existing
     * user's password is reset to the given one, so the settings stay the source of truth. The
     * password must match the password policy (the start-up check has held the settings to it).
     */
    public void ensureUser(String userId, String password, String firstName, String lastName, String email,
                           List<String> groups) {
        ensureUser(userId, password, firstName, lastName, email, groups, false);
    }

    /**
     * Like {@link #ensureUser}, for the demo profile's documented logins ({@code demo/demo}...),
     * which the password policy would refuse: they are set without it. Nothing else may call this.
     */
    public void ensureDemoUser(String userId, String password, String firstName, String lastName, String email,
                               List<String> groups) {
        ensureUser(userId, password, firstName, lastName, email, groups, true);
    }

    private void ensureUser(String userId, String password, String firstName, String lastName, String email,
                            List<String> groups, boolean withoutPasswordPolicy) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            user = identity.newUser(userId);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(email);
            user.setPassword(password);
            save(user, withoutPasswordPolicy);
            LOG.info("Created user '{}' in groups {}", userId, groups);
        } else if (!identity.checkPassword(userId, password)) {
            user.setPassword(password);
            save(user, withoutPasswordPolicy);
            LOG.info("Reset the password of user '{}' from the settings", userId);
        }
        for (String group : groups) {
            boolean member = identity.createUserQuery().userId(userId).memberOfGroup(group).count() > 0;
            if (!member) {
                identity.createMembership(userId, group);
            }
        }
    }

    private void save(User user, boolean withoutPasswordPolicy) {
        if (withoutPasswordPolicy && identity instanceof IdentityServiceImpl engineIdentity) {
            engineIdentity.saveUser(user, true);
        } else {
            identity.saveUser(user);
        }
    }

    private void ensureGroup(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
            LOG.info("Created group '{}'", id);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
        Authorization auth = existing != null ? existing
                : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        boolean changed = existing == null;
        if (existing == null) {
            auth.setGroupId(groupId);
            auth.setResource(resource);
            auth.setResourceId(resourceId);
        }
        for (Permission p : permissions) {
            if (!auth.isPermissionGranted(p)) {
                auth.addPermission(p);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(auth);
        }
    }

    /**
     * Sets the group's wide grants ({@code *}) to exactly {@code baseline}: permissions beyond it are
     * removed, grants on resource types without a baseline deleted. Revocations are left alone.
     */
    private void ownWideGrants(String groupId, Map<Resource, List<Permission>> baseline) {
        List<Authorization> wide = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(groupId).resourceId(ANY).list();
        for (Authorization auth : wide) {
            Resource resource = ResourceTypeUtil.getResourceByType(auth.getResourceType());
            List<Permission> allowed = baseline.getOrDefault(resource, List.of());
            List<String> removed = new ArrayList<>();
            for (Permission p : ResourceTypeUtil.getPermissionsByResourceType(auth.getResourceType())) {
                boolean aggregate = p.getValue() == Permissions.ALL.getValue() || p.getValue() == Permissions.NONE.getValue();
                if (!aggregate && auth.isPermissionGranted(p)
                        && allowed.stream().noneMatch(a -> a.getValue() == p.getValue())) {
                    removed.add(p.getName());
                }
            }
            if (removed.isEmpty()) {
                continue;
            }
            String what = (resource == null ? "resource type " + auth.getResourceType() : resource.resourceName())
                    + " *";
            if (allowed.isEmpty()) {
                authorizations.deleteAuthorization(auth.getId());
                LOG.info("Withdrew the wide grant of group '{}' on {}: {}", groupId, what, removed);
            } else {
                auth.setPermissions(allowed.toArray(Permission[]::new));
                authorizations.saveAuthorization(auth);
                LOG.info("Narrowed the wide grant of group '{}' on {} to {}: removed {}", groupId, what,
                        allowed.stream().map(Permission::getName).toList(), removed);
            }
        }
    }

    /**
     * A user's grant on their own account keeps only {@link OpsAuthorizationProvider#OWN_ACCOUNT}:
     * users created before it (with Camunda's ALL) could delete their own account.
     */
    private void narrowOwnAccountGrants() {
        List<Authorization> grants = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(Resources.USER).list();
        for (Authorization auth : grants) {
            if (auth.getUserId() == null || !auth.getUserId().equals(auth.getResourceId())) {
                continue;
            }
            List<String> removed = new ArrayList<>();
            for (Permission p : ResourceTypeUtil.getPermissionsByResourceType(Resources.USER.resourceType())) {
                boolean aggregate = p.getValue() == Permissions.ALL.getValue() || p.getValue() == Permissions.NONE.getValue();
                boolean own = List.of(OpsAuthorizationProvider.OWN_ACCOUNT).stream()
                        .anyMatch(o -> o.getValue() == p.getValue());
                if (!aggregate && !own && auth.isPermissionGranted(p)) {
                    removed.add(p.getName());
                }
            }
            if (!removed.isEmpty()) {
                auth.setPermissions(OpsAuthorizationProvider.OWN_ACCOUNT);
                authorizations.saveAuthorization(auth);
                LOG.info("Narrowed the grant of user '{}' on their own account to READ, UPDATE: removed {}",
                        auth.getUserId(), removed);
            }
        }
    }

    private void ensureFilter(String name, int priority, String description, TaskQuery query, List<String> readers) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("priority", priority);
            properties.put("description", description);
            properties.put("refresh", true);
            filter = filters.newTaskFilter(name).setProperties(properties).setQuery(query);
            filters.saveFilter(filter);
            LOG.info("Created Tasklist filter '{}'", name);
        }
        for (String group : readers) {
            grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }
}
