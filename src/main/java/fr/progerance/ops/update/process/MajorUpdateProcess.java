package fr.progerance.ops.update.process;

import fr.progerance.ops.quote.QuoteApprovalProcess;

/**
 * The {@code MajorUpdate} process (processes/update/MajorUpdate.bpmn), RD-ps, R4.0-c, RD-extra: a
 * major PrestaShop update (a change of main version, outside the contract) runs only after the
 * client approved a specific quote. Started by ops ({@code POST /api/updates}) or by
 * {@code UpdateWatch}, with the update record opened by {@code Updates.open} (status
 * AWAITING_QUOTE, business key {@code update:<id>}): it calls {@code QuoteApproval}, reads the
 * decided quote from its record ({@code Quotes.decided}, DESIGN rule 11), and only on approval
 * records the quote's window and calls {@code ApplyUpdate}; declined or expired, the record ends
 * NOT_DONE with the reason and nothing is sent to the server. Its key, element ids and variable
 * names.
 */
public final class MajorUpdateProcess {

    public static final String KEY = "MajorUpdate";
    public static final String RESOURCE = "processes/update/MajorUpdate.bpmn";

    /** Element ids, in the order of the flow. */
    public static final class Elements {
        public static final String START = "StartEvent_MajorUpdateStarted";
        public static final String PREPARE_QUOTE_REQUEST = "Task_PrepareQuoteRequest";
        /** R4.0-c: the specific quote and the client's prior validation. */
        public static final String QUOTE_APPROVAL = "CallActivity_QuoteApproval";
        /** DESIGN rule 11: the decided quote, from its record. */
        public static final String READ_QUOTE = "Task_ReadQuoteDecision";
        public static final String GATEWAY_APPROVED = "Gateway_QuoteApproved";
        public static final String GATEWAY_WINDOW_AHEAD = "Gateway_QuotedWindowAhead";
        public static final String SCHEDULE_QUOTED_WINDOW = "Task_ScheduleQuotedWindow";
        /** The approved quote's window had begun: ops plan a new one. */
        public static final String PLAN_WINDOW = "Task_PlanMajorUpdateWindow";
        public static final String JOIN_WINDOW = "Gateway_WindowRecorded";
        public static final String APPLY_UPDATE = "CallActivity_ApplyUpdate";
        public static final String END_APPLIED = "EndEvent_MajorUpdateApplied";
        /** R4.0-c: declined or expired: nothing is done to the server. */
        public static final String CLOSE_NOT_APPROVED = "Task_CloseUnapprovedUpdate";
        public static final String END_NOT_DONE = "EndEvent_MajorUpdateNotDone";

        private Elements() {
        }
    }

    /** Variable names (see {@link UpdateVariables} and {@link QuoteApprovalProcess.Vars}). */
    public static final class Vars {
        public static final String UPDATE_ID = UpdateVariables.UPDATE_ID;
        public static final String SERVER_ID = UpdateVariables.SERVER_ID;
        public static final String SERVER_NAME = UpdateVariables.SERVER_NAME;
        public static final String CLIENT_NAME = UpdateVariables.CLIENT_NAME;
        public static final String INFRASTRUCTURE = UpdateVariables.INFRASTRUCTURE;
        public static final String FROM_VERSION = UpdateVariables.FROM_VERSION;
        public static final String TO_VERSION = UpdateVariables.TO_VERSION;
        /** QuoteApproval's inputs, written by Task_PrepareQuoteRequest. */
        public static final String QUOTE_SUBJECT = QuoteApprovalProcess.Vars.SUBJECT;
        public static final String QUOTE_CLIENT_ID = QuoteApprovalProcess.Vars.CLIENT_ID;
        public static final String QUOTE_SERVER_ID = QuoteApprovalProcess.Vars.SERVER_ID;
        public static final String QUOTE_TITLE = QuoteApprovalProcess.Vars.TITLE;
        /** R4.0-c: what happens without the approval, in French (the quote mails say it). */
        public static final String QUOTE_NO_ANSWER = QuoteApprovalProcess.Vars.NO_ANSWER;
        /** QuoteApproval's output: the quote record's id (checked against the subject when read). */
        public static final String QUOTE_ID = QuoteApprovalProcess.Vars.QUOTE_ID;
        /** Copy of the quote record's answer (Gateway_QuoteApproved), written by Task_ReadQuoteDecision. */
        public static final String QUOTE_APPROVED = "quoteApproved";
        /** The quote's status in words, for Cockpit. */
        public static final String QUOTE_STATUS = "quoteStatus";
        /** Approved and the quote's window still ahead (Gateway_QuotedWindowAhead). */
        public static final String WINDOW_AHEAD = "quotedWindowAhead";
        /** Due date of Task_PlanMajorUpdateWindow (ops.update.processes.replan-time after the reading). */
        public static final String PLAN_DUE_AT = "windowPlanningDueAt";
        public static final String DUE_TEXT = UpdateVariables.DUE_TEXT;
        public static final String WINDOW_START = UpdateVariables.WINDOW_START;
        public static final String WINDOW_END = UpdateVariables.WINDOW_END;
        public static final String LATE_WINDOW_REASON = UpdateVariables.LATE_WINDOW_REASON;

        private Vars() {
        }
    }

    /** The Camunda Form of Task_PlanMajorUpdateWindow (the same as MinorUpdate's). */
    public static final String PLAN_WINDOW_FORM = MinorUpdateProcess.PLAN_WINDOW_FORM;

    private MajorUpdateProcess() {
    }
}
