package fr.progerance.ops.update.process;

import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.engine.TaskCompletion;
import fr.progerance.ops.engine.TaskCompletionCheck;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What ops enter in the window planning tasks, checked before the completion runs (a refusal keeps
 * the task open, Tasklist shows why, the REST API answers 400): R4.3-p2 and R4.0-b by
 * {@link WindowPlanning}, and a person to name on the record (DESIGN rule 11).
 */
@Configuration(proxyBeanMethods = false)
public class WindowPlanningChecks {

    @Bean
    TaskCompletionCheck minorUpdateCompletionCheck(WindowPlanning planning, IdentityService identity) {
        return check(MinorUpdateProcess.KEY, MinorUpdateProcess.Elements.PLAN_WINDOW, planning, identity);
    }

    @Bean
    TaskCompletionCheck majorUpdateCompletionCheck(WindowPlanning planning, IdentityService identity) {
        return check(MajorUpdateProcess.KEY, MajorUpdateProcess.Elements.PLAN_WINDOW, planning, identity);
    }

    private static TaskCompletionCheck check(String processKey, String planTask, WindowPlanning planning,
            IdentityService identity) {
        return new TaskCompletionCheck() {
            @Override
            public String processKey() {
                return processKey;
            }

            @Override
            public void check(TaskCompletion completion) {
                if (!planTask.equals(completion.taskKey())) {
                    return;
                }
                Function<String, Object> values = completion::value;
                try {
                    Long updateId = ProcessValues.number(values, UpdateVariables.UPDATE_ID);
                    if (updateId == null) {
                        throw new FormRefusal("This task has no update (" + UpdateVariables.UPDATE_ID + ")");
                    }
                    planning.check(updateId, values);
                } catch (WindowPlanning.Refused refused) {
                    throw new FormRefusal(refused.getMessage());
                } catch (ProcessEngineException unreadable) {
                    throw new FormRefusal(unreadable.getMessage());
                }
                Authentication who = identity.getCurrentAuthentication();
                if ((who == null || who.getUserId() == null) && completion.assignee() == null) {
                    throw new FormRefusal("Log in (or claim the task) to plan the window: the update records who"
                            + " planned it (DESIGN rule 11)");
                }
            }
        };
    }
}
