package fr.progerance.ops.engine;

import java.util.List;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/** Who the engine counts as an administrator: a member of its admin groups, or one of its admin users. */
public final class Administrators {

    private Administrators() {
    }

    public static boolean isAdministrator(CommandContext context, Authentication who) {
        if (who == null) {
            return false;
        }
        List<String> groups = who.getGroupIds() == null ? List.of() : who.getGroupIds();
        List<String> adminGroups = context.getProcessEngineConfiguration().getAdminGroups();
        List<String> adminUsers = context.getProcessEngineConfiguration().getAdminUsers();
        return adminGroups != null && groups.stream().anyMatch(adminGroups::contains)
                || adminUsers != null && adminUsers.contains(who.getUserId());
    }
}
