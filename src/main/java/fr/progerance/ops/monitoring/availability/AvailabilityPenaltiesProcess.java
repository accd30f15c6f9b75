package fr.progerance.ops.monitoring.availability;

/**
 * The {@code AvailabilityPenalties} process (processes/monitoring/AvailabilityPenalties.bpmn), R4.4-c:
 * one long-lived instance that waits for the review instant after each Europe/Paris month end
 * ({@code ops.availability.penalties.review-day-of-month} at {@code review-hour}, default the 1st at
 * 06:00), gives managers the month's review task (reclassify outages through the API, then approve),
 * issues the credit notes when they approve or when the task's due date passes (the penalty is owed
 * either way), then plans the next month. {@link AvailabilityPenaltiesKeeper} keeps one instance of the
 * latest version running. Its key, element ids, message and variable names; delegates and tests use these.
 */
public final class AvailabilityPenaltiesProcess {

    public static final String KEY = "AvailabilityPenalties";
    public static final String RESOURCE = "processes/monitoring/AvailabilityPenalties.bpmn";
    public static final String BUSINESS_KEY = "availability-penalties";
    public static final String FORM = "availability-review";

    /** Element ids. */
    public static final class Elements {
        public static final String START = "StartEvent_PenaltiesStarted";
        public static final String PLAN_NEXT_REVIEW = "Task_PlanNextReview";
        public static final String WAIT = "Gateway_WaitForReviewDay";
        public static final String REVIEW_DAY_REACHED = "Event_ReviewDayReached";
        public static final String PREPARE_REVIEW = "Task_PrepareReview";
        public static final String REVIEW = "Task_ReviewAvailability";
        public static final String REVIEW_OVERDUE = "Event_ReviewOverdue";
        public static final String ISSUE_CREDIT_NOTES = "Task_IssueCreditNotes";
        public static final String STOPPED = "Event_PenaltiesStopped";
        public static final String END = "EndEvent_PenaltiesStopped";

        private Elements() {
        }
    }

    /** Message names. */
    public static final class Messages {
        /** An administrator stops the monthly penalties (the application starts a new instance at its next start). */
        public static final String STOP = "Message_StopAvailabilityPenalties";

        private Messages() {
        }
    }

    /** Variable names: a month, dates and the review's display; the decisions live in the records. */
    public static final class Vars {
        /** The month to review next, {@code YYYY-MM}; absent at a first start (the month before the next review instant). */
        public static final String MONTH = "reviewMonth";
        /** When the month's review starts: the timer's date. */
        public static final String REVIEW_AT = "reviewAt";
        /** The review task's due date, and the boundary timer's. */
        public static final String REVIEW_DUE = "reviewDue";
        /** The report's summary shown on the form (contracts below target, credit notes). */
        public static final String SUMMARY = "reviewSummary";
        /** The form's one input: the manager approves the month's measure. */
        public static final String APPROVED = "reviewApproved";

        private Vars() {
        }
    }

    private AvailabilityPenaltiesProcess() {
    }
}
