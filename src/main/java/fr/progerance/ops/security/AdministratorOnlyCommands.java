package fr.progerance.ops.security;

import java.util.ArrayList;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Commands that steer running processes from outside, which Camunda's authorizations do not fully
 * close, are for administrators only when a user calls them (REST API, webapps, Java API with an
 * authenticated user):
 *
 * <ul>
 *   <li>signals ({@code POST /signal}): Camunda checks rights only on the instances that wait for the
 *       signal, so a signal nobody waits for passes for anyone, and one a future model waits for would
 *       reach every instance;</li>
 *   <li>message correlation ({@code POST /message}, an execution's message trigger): what a process
 *       waits for from outside (a client's answer, force majeure) comes through the application's
 *       own channels, which correlate as the engine;</li>
 *   <li>starting a process at chosen activities ({@code startInstructions}) and restarting finished
 *       instances: both skip the start event and the start form's checks, so they are instance
 *       modification, whereas Camunda asks only for the right to start.</li>
 * </ul>
 *
 * The application's own code (delegates, the decision pages, the force-majeure API) runs these
 * commands without an authenticated user or with authorization checks off (custom code), and is
 * not concerned. Refusals are {@link AuthorizationException}s: the REST API answers 403.
 */
@Component
public class AdministratorOnlyCommands extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
        }
        if (configuration.getCustomPostCommandInterceptorsTxRequiresNew() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequiresNew(new ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired().add(new Interceptor());
        configuration.getCustomPostCommandInterceptorsTxRequiresNew().add(new Interceptor());
    }

    /** The check, inside the command context (where the caller and the custom-code state are known). */
    static final class Interceptor extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            String what = restricted(command);
            if (what != null) {
                check(Context.getCommandContext(), what);
            }
            return next.execute(command);
        }
    }

    /** What the command does, when only administrators may do it; {@code null} otherwise. */
    static String restricted(Command<?> command) {
        if (command instanceof SignalEventReceivedCmd) {
            return "send a signal";
        }
        if (command instanceof AbstractCorrelateMessageCmd || command instanceof MessageEventReceivedCmd) {
            return "correlate a message";
        }
        if (command instanceof StartProcessInstanceAtActivitiesCmd) {
            return "start a process instance at chosen activities";
        }
        if (command instanceof AbstractRestartProcessInstanceCmd) {
            return "restart process instances";
        }
        return null;
    }

    private static void check(CommandContext context, String what) {
        if (context == null || !context.isAuthorizationCheckEnabled()
                || !context.getProcessEngineConfiguration().isAuthorizationEnabled()) {
            return; // the engine's own work, or custom code (delegates, listeners) run by a command
        }
        Authentication who = context.getAuthentication();
        if (who == null || who.getUserId() == null) {
            return;
        }
        if (fr.progerance.ops.engine.Administrators.isAdministrator(context, who)) {
            return;
        }
        throw new AuthorizationException("User '" + who.getUserId() + "' may not " + what
                + ": only administrators (group " + OpsGroups.ADMIN + ") may");
    }
}
