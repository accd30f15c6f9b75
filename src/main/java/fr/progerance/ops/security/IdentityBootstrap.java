package fr.progerance.ops.security;

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
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the engine's identities in the state the product needs, idempotently, at every start:
 * the groups {@code camunda-admin}, {@code ops} and {@code managers} with their authorizations,
 * the administrator from the settings, and Tasklist filters. Creating only what is missing
 * means an operator's later changes in the Admin webapp are kept.
 */
public class IdentityBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);
    private static final String ANY = Authorization.ANY;

    static final String FILTER_MY_TASKS = "My tasks";
    static final String FILTER_GROUP_TASKS = "Tasks for my groups";
    static final String FILTER_ALL_TASKS = "All open tasks";

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

    /** Groups, their authorizations and the Tasklist filters. */
    public void ensureBaseline() {
        ensureGroup(OpsGroups.ADMIN, "Administrators", Groups.GROUP_TYPE_SYSTEM);
        ensureGroup(OpsGroups.OPS, "Operations", Groups.GROUP_TYPE_WORKFLOW);
        ensureGroup(OpsGroups.MANAGERS, "Managers", Groups.GROUP_TYPE_WORKFLOW);
        ensureGroup(OpsGroups.MONITORING, "Monitoring (metrics only)", Groups.GROUP_TYPE_SYSTEM);

        // Administrators may do everything, as Camunda's own first-user setup grants.
        for (Resource resource : Resources.values()) {
            grant(OpsGroups.ADMIN, resource, ANY, Permissions.ALL);
        }

        // Ops work in Tasklist and look at running instances in Cockpit.
        grant(OpsGroups.OPS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(OpsGroups.OPS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(OpsGroups.OPS, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE,
                Permissions.READ_INSTANCE, Permissions.READ_HISTORY, Permissions.READ_TASK, Permissions.UPDATE_TASK);
        grant(OpsGroups.OPS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE, Permissions.READ);
        grant(OpsGroups.OPS, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        grant(OpsGroups.OPS, Resources.DEPLOYMENT, ANY, Permissions.READ);
        grant(OpsGroups.OPS, Resources.TASK, ANY, Permissions.READ);

        // Managers watch: Cockpit and Tasklist, read-only on instances, history and tasks.
        grant(OpsGroups.MANAGERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(OpsGroups.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(OpsGroups.MANAGERS, Resources.PROCESS_DEFINITION, ANY, Permissions.READ,
                Permissions.READ_INSTANCE, Permissions.READ_HISTORY, Permissions.READ_TASK);
        grant(OpsGroups.MANAGERS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(OpsGroups.MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        grant(OpsGroups.MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.READ);
        grant(OpsGroups.MANAGERS, Resources.TASK, ANY, Permissions.READ);

        // Tasklist opens the filter with the lowest priority: ops start with their group's work.
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
