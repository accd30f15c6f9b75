package fr.progerance.ops.quote;

/**
 * The {@code QuoteApproval} process (processes/quote/QuoteApproval.bpmn), a call activity. Its key,
 * element ids and variable names (RD-extra, R3.5, R4.0-c).
 *
 * <p>How to call it: {@code <callActivity calledElement="QuoteApproval">} with {@code camunda:in}
 * of {@link Vars#SUBJECT}, {@link Vars#CLIENT_ID}, {@link Vars#TITLE} and optionally
 * {@link Vars#SERVER_ID} and {@link Vars#NO_ANSWER}, and {@code camunda:out} of {@link Vars#QUOTE_ID};
 * then a service task of the caller reads {@link Quotes#decided(long, String)} (the record, checked
 * against the caller's subject) and steers its gateway from that.
 */
public final class QuoteApprovalProcess {

    public static final String KEY = "QuoteApproval";
    public static final String RESOURCE = "processes/quote/QuoteApproval.bpmn";

    /** Element ids, in the order of the flow. */
    public static final class Elements {
        public static final String START = "StartEvent_QuoteRequested";
        /** The caller's inputs checked, the record opened (PREPARING). */
        public static final String OPEN = "Task_OpenQuote";
        /** Ops' Tasklist form: description, amount excluding tax, window, validity (RD-extra, R7.1). */
        public static final String PREPARE = "Task_PrepareQuote";
        /** The decision link and the French mail (R4.3-t4). */
        public static final String SEND = "Task_SendQuote";
        /** Ops log a phone answer; the link answer interrupts it (DESIGN rule 11). */
        public static final String FOLLOW_UP = "Task_FollowUpQuote";
        public static final String MESSAGE_ANSWERED_BY_LINK = "Event_QuoteAnsweredByLink";
        /** DESIGN rule 12: reminders, then expiry. */
        public static final String TIMER_REMINDER = "Event_QuoteReminderDue";
        public static final String REMIND = "Task_RemindClientOfQuote";
        public static final String END_REMINDED = "EndEvent_ClientReminded";
        public static final String TIMER_EXPIRED = "Event_QuoteExpired";
        public static final String CLOSE_EXPIRED = "Task_CloseExpiredQuote";
        /** The decision record becomes the quote record's final status (DESIGN rule 11). */
        public static final String RECORD_OUTCOME = "Task_RecordQuoteOutcome";
        public static final String END_DECIDED = "EndEvent_QuoteDecided";

        private Elements() {
        }
    }

    /** Message names (correlated by process instance). */
    public static final class Messages {
        /** The client answered the quote's signed link (notify's correlator). */
        public static final String ANSWERED = "Message_QuoteAnswered";

        private Messages() {
        }
    }

    /** The Camunda Forms of the user tasks (processes/quote/*.form). */
    public static final class Forms {
        public static final String PREPARE = "quote-prepare";
        public static final String FOLLOW_UP = "quote-follow-up";

        private Forms() {
        }
    }

    /**
     * Variable names: ids, decisions, deadlines and what the forms show. Only a task's form inputs
     * may be written by its completion ({@code OwnedVariablesGuard}); what the contract turns on is
     * read from the quote and decision records, never from these (DESIGN rule 11).
     */
    public static final class Vars {
        /** In: what the quote is for, the caller's stable key: {@code incident:<number>}, {@code update:<id>}. */
        public static final String SUBJECT = "quoteSubject";
        /** In: the client who receives the quote. */
        public static final String CLIENT_ID = "quoteClientId";
        /** In, optional: the server concerned. */
        public static final String SERVER_ID = "quoteServerId";
        /** In: a short French title of the work, shown to ops and to the client (at most 200 characters). */
        public static final String TITLE = "quoteTitle";
        /**
         * In, optional: a French sentence saying what happens when the client declines or does not
         * answer (after "Sans réponse de votre part d'ici là :"); by default nothing is done.
         */
        public static final String NO_ANSWER = "quoteNoAnswer";
        /** Out: the quote record's id. */
        public static final String QUOTE_ID = "quoteId";
        /** Shown on the forms: the client and the server, from the register. */
        public static final String CLIENT_NAME = "quoteClientName";
        public static final String SERVER_NAME = "quoteServerName";
        /** Task_PrepareQuote's due date (ops.quote.preparation of business time). */
        public static final String PREPARATION_DUE = "quotePreparationDue";
        /** Inputs of Task_PrepareQuote (RD-extra, R7.1). */
        public static final String DESCRIPTION = "quoteDescription";
        public static final String AMOUNT = "quoteAmountExclTax";
        public static final String WINDOW_START = "quoteWindowStart";
        public static final String WINDOW_END = "quoteWindowEnd";
        /** Input of Task_PrepareQuote, proposed as today + ops.quote.default-validity (ISO date text). */
        public static final String VALID_UNTIL = "quoteValidUntil";
        /** The number for the client, from the record (D2026-0001). */
        public static final String NUMBER = "quoteNumber";
        /** Whom the quote was mailed to (the contact who may authorise, R4.3-t4). */
        public static final String RECIPIENT = "quoteRecipient";
        /** The end of the validity day (Paris): the follow-up's due date and the expiry timer. */
        public static final String EXPIRES_AT = "quoteExpiresAt";
        /** The reminder timer's cycle, from the sending to the expiry (DESIGN rule 12). */
        public static final String REMINDER_CYCLE = "quoteReminderCycle";
        /** Input of Task_FollowUpQuote: the client's answer by phone (APPROVE or DECLINE). */
        public static final String PHONE_ANSWER = "quotePhoneAnswer";
        /** Written by notify's correlation of a link answer; informative only (the record decides). */
        public static final String DECISION_ID = "quoteDecisionId";

        private Vars() {
        }
    }

    /** notify names the correlated variables quoteDecisionId, quoteDecisionApproved, quoteDecisionChannel. */
    static final String DECISION_PREFIX = "quote";

    /** The decision purpose code of a quote (notify). */
    static final String PURPOSE = "QUOTE";

    private QuoteApprovalProcess() {
    }
}
