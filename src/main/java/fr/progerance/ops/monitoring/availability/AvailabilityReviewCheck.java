package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.engine.TaskCompletion;
import fr.progerance.ops.engine.TaskCompletionCheck;
import org.springframework.stereotype.Component;

/**
 * R4.4-c: the month's review is completed only by approving it ({@code reviewApproved} true); a
 * refusal keeps the task open (Tasklist shows why, the REST API answers 400). Managers who disagree
 * with the measure reclassify outages through the API first; the due date issues anyway.
 */
@Component
public class AvailabilityReviewCheck implements TaskCompletionCheck {

    @Override
    public String processKey() {
        return AvailabilityPenaltiesProcess.KEY;
    }

    @Override
    public void check(TaskCompletion completion) {
        if (AvailabilityPenaltiesProcess.Elements.REVIEW.equals(completion.taskKey())
                && !Boolean.TRUE.equals(completion.value(AvailabilityPenaltiesProcess.Vars.APPROVED))) {
            throw new FormRefusal("Tick " + AvailabilityPenaltiesProcess.Vars.APPROVED
                    + " to approve the month's measure; reclassify outages first through PUT /api/availability/outages/{id}");
        }
    }
}
