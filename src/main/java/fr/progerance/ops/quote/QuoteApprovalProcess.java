package fr.progerance.ops.quote;

/**
 * The {@code QuoteApproval} process (processes/quote/QuoteApproval.bpmn), a call activity. Its key,
 * element ids and variable names.
 *
 * <p>How to call it: {@code <callActivity calledElement="QuoteApproval">} with {@code camunda:in}
 * of {@link Vars#SUBJECT}, {@link Vars#CLIENT_ID}, {@link Vars#TITLE} and optionally
 * {@link Vars#SERVER_ID}, and {@code camunda:out} of {@link Vars#QUOTE_ID}; then a service task of
 * the caller reads {@link Quotes#decided(long, String)} (the record, checked against the caller's
 * subject) and steers its gateway from that.
 */
public final class QuoteApprovalProcess {

    public static final String KEY = "QuoteApproval";
    public static final String RESOURCE = "processes/quote/QuoteApproval.bpmn";

    /** Element ids (filled by the process's author). */
    public static final class Elements {
        private Elements() {
        }
    }

    /** Variable names. */
    public static final class Vars {
        /** In: what the quote is for, the caller's stable key: {@code incident:<number>}, {@code update:<id>}. */
        public static final String SUBJECT = "quoteSubject";
        /** In: the client who receives the quote. */
        public static final String CLIENT_ID = "quoteClientId";
        /** In, optional: the server concerned. */
        public static final String SERVER_ID = "quoteServerId";
        /** In: a short French title of the work, shown to ops and to the client (at most 200 characters). */
        public static final String TITLE = "quoteTitle";
        /** Out: the quote record's id. */
        public static final String QUOTE_ID = "quoteId";

        private Vars() {
        }
    }

    private QuoteApprovalProcess() {
    }
}
