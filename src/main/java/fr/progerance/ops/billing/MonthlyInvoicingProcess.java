package fr.progerance.ops.billing;

/**
 * The {@code MonthlyInvoicing} process (processes/billing/MonthlyInvoicing.bpmn), R7.2: one
 * long-lived instance that plans the next issue instant in calendar terms (the next 1st at 00:00
 * Europe/Paris, whatever daylight saving and the JVM's zone), waits for it on a timer, issues the
 * month's invoices ({@link InvoiceIssuer#issueMonth}, asyncBefore with a retry cycle), then plans the
 * next month. {@link MonthlyInvoicingKeeper} keeps one instance of the latest version running. Its key,
 * element ids, message and variable names; delegates and tests use these constants.
 */
public final class MonthlyInvoicingProcess {

    public static final String KEY = "MonthlyInvoicing";
    public static final String RESOURCE = "processes/billing/MonthlyInvoicing.bpmn";
    /** The business key of the one running instance. */
    public static final String BUSINESS_KEY = "monthly-invoicing";

    /** Element ids. */
    public static final class Elements {
        public static final String START = "StartEvent_InvoicingStarted";
        public static final String PLAN_NEXT_ISSUE = "Task_PlanNextIssue";
        public static final String WAIT = "Gateway_WaitForIssueDay";
        public static final String ISSUE_DAY_REACHED = "Event_IssueDayReached";
        public static final String ISSUE_INVOICES = "Task_IssueInvoices";
        public static final String STOPPED = "Event_InvoicingStopped";
        public static final String END = "EndEvent_InvoicingStopped";

        private Elements() {
        }
    }

    /** Message names. */
    public static final class Messages {
        /** An administrator stops the monthly invoicing (the application starts a new instance at its next start). */
        public static final String STOP = "Message_StopMonthlyInvoicing";

        private Messages() {
        }
    }

    /** Variable names: dates only. */
    public static final class Vars {
        /**
         * The first day of the month to issue next, ISO text ({@code 2026-04-01}). Absent at a first
         * start (the first month whose issue instant is not past); given by the keeper when it
         * replaces an instance of an older version, so no month is skipped.
         */
        public static final String PERIOD_START = "periodStart";
        /** The issue instant of {@link #PERIOD_START}, the timer's date. */
        public static final String NEXT_ISSUE_AT = "nextIssueAt";

        private Vars() {
        }
    }

    private MonthlyInvoicingProcess() {
    }
}
