package fr.progerance.ops.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * DESIGN rule 11: a task completion (or a task variable write) may carry only the variables its
 * task owns, i.e. the inputs of the Camunda Form Tasklist shows for it ({@link FormInputs}); a
 * start by form or API may carry only the start form's inputs. Anything else is refused before the
 * command runs, with a message that names the foreign variables and what the task accepts; the
 * REST API answers a completion or form submission refused this way with 400, and Tasklist shows
 * the message on the form. Task-local variables are never accepted from outside.
 *
 * <p>It applies once, to every task of every process and to every caller (REST API, webapps,
 * Java API), as an engine command interceptor. What the contract turns on (approvals, answers,
 * restrictions) is read from records anyway; this keeps the variables that steer a process
 * (deadlines, indexes, routing flags) in the hands of the delegates that write them.
 *
 * <p>The commands' inputs are protected fields of Camunda's command classes, read by reflection
 * here and nowhere else; {@code OwnedVariablesGuardTest} pins their names, so an upgrade that
 * renames one fails a test instead of opening the guard.
 */
@Component
public class OwnedVariablesGuard extends AbstractProcessEnginePlugin {

    private final org.springframework.beans.factory.ObjectProvider<TaskCompletionCheck> checks;

    public OwnedVariablesGuard(org.springframework.beans.factory.ObjectProvider<TaskCompletionCheck> checks) {
        this.checks = checks;
    }

    /** Raised for a refused write: Camunda's REST API maps this type to 400 on complete and submit-form. */
    public static class ForeignVariablesException extends FormRefusal {

        private static final long serialVersionUID = 1L;

        ForeignVariablesException(String message) {
            super(message);
        }
    }

    /**
     * Raised for a refused task variable write (not a completion): Camunda's REST API answers a
     * {@code BadUserRequestException} on {@code PUT /task/{id}/variables/{name}} with 400.
     */
    public static class ForeignVariableWrite extends org.camunda.bpm.engine.BadUserRequestException {

        private static final long serialVersionUID = 1L;

        ForeignVariableWrite(String message) {
            super(message);
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequired(new java.util.ArrayList<>());
        }
        if (configuration.getCustomPostCommandInterceptorsTxRequiresNew() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequiresNew(new java.util.ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired().add(new Interceptor());
        configuration.getCustomPostCommandInterceptorsTxRequiresNew().add(new Interceptor());
    }

    /** The check itself, inside the command context (before the command runs, in its transaction). */
    final class Interceptor extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            check(command, Context.getCommandContext());
            return next.execute(command);
        }
    }

    void check(Command<?> command, CommandContext context) {
        if (context == null) {
            return;
        }
        if (command instanceof org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd) {
            checkClaim(context, field(command, org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd.class, "userId"));
        } else if (command instanceof CompleteTaskCmd) {
            String taskId = field(command, CompleteTaskCmd.class, "taskId");
            Map<String, Object> variables = field(command, CompleteTaskCmd.class, "variables");
            checkCandidate(context, taskId);
            checkTask(context, taskId, names(variables), false, true);
            checkCompletion(context, taskId, variables);
        } else if (command instanceof SubmitTaskFormCmd) {
            String taskId = field(command, SubmitTaskFormCmd.class, "taskId");
            Map<String, Object> variables = field(command, SubmitTaskFormCmd.class, "properties");
            checkCandidate(context, taskId);
            checkTask(context, taskId, names(variables), false, true);
            checkCompletion(context, taskId, variables);
        } else if (command instanceof SetTaskVariablesCmd) {
            checkTask(context, field(command, AbstractVariableCmd.class, "entityId"),
                    names(field(command, AbstractSetVariableCmd.class, "variables")),
                    field(command, AbstractVariableCmd.class, "isLocal"), false);
        } else if (command instanceof PatchTaskVariablesCmd) {
            Set<String> names = names(field(command, AbstractPatchVariablesCmd.class, "variables"));
            Collection<String> deletions = field(command, AbstractPatchVariablesCmd.class, "deletions");
            if (deletions != null) {
                names.addAll(deletions);
            }
            checkTask(context, field(command, AbstractPatchVariablesCmd.class, "entityId"), names,
                    field(command, AbstractPatchVariablesCmd.class, "isLocal"), false);
        } else if (command instanceof RemoveTaskVariablesCmd) {
            Collection<String> removed = field(command, AbstractRemoveVariableCmd.class, "variableNames");
            checkTask(context, field(command, AbstractVariableCmd.class, "entityId"),
                    removed == null ? new TreeSet<>() : new TreeSet<>(removed),
                    field(command, AbstractVariableCmd.class, "isLocal"), false);
        } else if (command instanceof SubmitStartFormCmd) {
            checkStart(context, field(command, SubmitStartFormCmd.class, "processDefinitionId"), null,
                    names(field(command, SubmitStartFormCmd.class, "variables")));
        } else if (command instanceof StartProcessInstanceCmd) {
            ProcessInstantiationBuilderImpl builder = field(command, StartProcessInstanceCmd.class,
                    "instantiationBuilder");
            checkStart(context, builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(),
                    names(builder.getVariables()));
        }
    }

    /**
     * A task is completed by the people it is for: its assignee, a member of one of its candidate
     * groups, or an administrator (a managers' task is not an ops task because ops may update
     * tasks in general). Calls without an authenticated user are the application's own.
     */
    private static void checkCandidate(CommandContext context, String taskId) {
        org.camunda.bpm.engine.impl.identity.Authentication who = context.getAuthentication();
        TaskEntity task = taskId == null || who == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null || who.getUserId() == null || who.getUserId().equals(task.getAssignee())) {
            return;
        }
        Set<String> candidates = new TreeSet<>();
        task.getIdentityLinks().stream()
                .filter(link -> org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(link.getType()))
                .filter(link -> link.getGroupId() != null).forEach(link -> candidates.add(link.getGroupId()));
        java.util.List<String> groups = who.getGroupIds() == null ? java.util.List.of() : who.getGroupIds();
        if (!candidates.isEmpty() && !Administrators.isAdministrator(context, who)
                && groups.stream().noneMatch(candidates::contains)) {
            throw new org.camunda.bpm.engine.AuthorizationException("User '" + who.getUserId() + "' may not complete"
                    + " task '" + task.getName() + "' (" + task.getTaskDefinitionKey() + "): it is for " + candidates);
        }
    }

    /**
     * A person claims a task for themself (Tasklist's "Claim"); giving it to someone else is an
     * administrator's assignment. Calls without an authenticated user are the application's own.
     */
    private static void checkClaim(CommandContext context, String userId) {
        org.camunda.bpm.engine.impl.identity.Authentication who = context.getAuthentication();
        if (who == null || who.getUserId() == null || who.getUserId().equals(userId)) {
            return;
        }
        if (!Administrators.isAdministrator(context, who)) {
            throw new org.camunda.bpm.engine.AuthorizationException("User '" + who.getUserId() + "' may claim a task"
                    + " for themself only; an administrator assigns it to someone else");
        }
    }

    /** The process's own rules on what the completion says ({@link TaskCompletionCheck}). */
    private void checkCompletion(CommandContext context, String taskId, Map<String, Object> submitted) {
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null || task.getProcessDefinitionId() == null) {
            return;
        }
        String processKey = context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(task.getProcessDefinitionId()).getKey();
        TaskCompletion completion = new TaskCompletion() {
            @Override
            public String taskId() {
                return task.getId();
            }

            @Override
            public String taskKey() {
                return task.getTaskDefinitionKey();
            }

            @Override
            public String assignee() {
                return task.getAssignee();
            }

            @Override
            public Object value(String name) {
                Object v = submitted != null && submitted.containsKey(name) ? submitted.get(name) : task.getVariable(name);
                return v instanceof org.camunda.bpm.engine.variable.value.TypedValue typed ? typed.getValue() : v;
            }
        };
        checks.orderedStream().filter(c -> c.processKey().equals(processKey)).forEach(c -> c.check(completion));
    }

    private static void checkTask(CommandContext context, String taskId, Set<String> names, boolean local,
            boolean completion) {
        if (taskId == null || names.isEmpty()) {
            return;
        }
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null) {
            return; // the command itself answers "not found"
        }
        String what = "Task '" + task.getName() + "' (" + task.getTaskDefinitionKey() + ")";
        if (local) {
            throw new ForeignVariableWrite(what + " accepts no task-local variables; got " + names);
        }
        if (task.getProcessDefinitionId() == null) {
            return; // a standalone task belongs to no process
        }
        Set<String> owned = context.runWithoutAuthorization(() -> inputs(new GetDeployedTaskFormCmd(taskId), context));
        String refusal = foreign(what, names, owned == null ? Set.of() : owned);
        if (refusal != null) {
            throw completion ? new ForeignVariablesException(refusal) : new ForeignVariableWrite(refusal);
        }
    }

    private static void checkStart(CommandContext context, String definitionId, String definitionKey,
            Set<String> names) {
        if (names.isEmpty()) {
            return;
        }
        ProcessDefinitionEntity definition = definitionId != null
                ? context.getProcessEngineConfiguration().getDeploymentCache().findDeployedProcessDefinitionById(definitionId)
                : definitionKey != null
                ? context.getProcessEngineConfiguration().getDeploymentCache()
                        .findDeployedLatestProcessDefinitionByKey(definitionKey)
                : null;
        if (definition == null) {
            return; // the command itself answers "not found"
        }
        Set<String> owned = context.runWithoutAuthorization(() ->
                inputs(new GetDeployedStartFormCmd(definition.getId()), context));
        if (owned == null) {
            // Processes without a start form are started by the application's own code only.
            return;
        }
        String refusal = foreign("The start of process '" + definition.getKey() + "'", names, owned);
        if (refusal != null) {
            throw new ForeignVariablesException(refusal);
        }
    }

    /** Why {@code names} may not be written where only {@code owned} may, or null when they may. */
    private static String foreign(String what, Set<String> names, Set<String> owned) {
        Set<String> foreign = new TreeSet<>(names);
        foreign.removeAll(owned);
        return foreign.isEmpty() ? null : what + " does not accept the variables " + foreign + "; it accepts only "
                + new TreeSet<>(owned) + " (DESIGN rule 11: what a task does not own, its completion may not write)";
    }

    /** The inputs of a deployed form, or null when there is none. */
    private static Set<String> inputs(Command<InputStream> form, CommandContext context) {
        InputStream json;
        try {
            json = form.execute(context);
        } catch (ProcessEngineException noDeployedForm) {
            return null;
        }
        try (InputStream in = json) {
            return FormInputs.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable deployed form", e);
        }
    }

    private static Set<String> names(Map<String, ?> variables) {
        return variables == null ? new TreeSet<>() : new TreeSet<>(variables.keySet());
    }

    @SuppressWarnings("unchecked")
    static <T> T field(Object target, Class<?> declaring, String name) {
        try {
            Field f = declaring.getDeclaredField(name);
            f.setAccessible(true);
            return (T) f.get(target);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("Camunda's " + declaring.getSimpleName() + " has no readable field '"
                    + name + "': the owned-variables guard cannot check " + target.getClass().getSimpleName(), e);
        }
    }
}
