package fr.progerance.ops.billing.dunning;

/**
 * The {@code InvoiceDunning} process (processes/billing/InvoiceDunning.bpmn): one instance per
 * invoice, business key = the invoice number, started in the transaction that issues the invoice.
 * Its key, element ids, messages, error code and variable names; delegates, correlators, forms and
 * tests use these constants, never string literals. Payments, holds, contests and rates are records
 * (DESIGN rule 11): messages only wake the process, which then reads the records.
 *
 * <p>The timeline (R7.3, R8.2): issue; reminder at due - {@code reminder-before-due}; suspension at
 * issue + {@code payment-term} (the due date, 00:00 Paris); deletion notice at suspension +
 * {@code retention-after-suspension} - {@code deletion-notice-before}; deletion at suspension +
 * {@code retention-after-suspension}.
 */
public final class InvoiceDunningProcess {

    public static final String KEY = "InvoiceDunning";
    public static final String RESOURCE = "processes/billing/InvoiceDunning.bpmn";

    /** Element ids, in the order of the flow. */
    public static final class Elements {
        public static final String START = "StartEvent_InvoiceIssued";
        public static final String PLAN = "Task_PlanDunningDates";
        public static final String MAIL_INVOICE = "Task_MailInvoice";

        /** Waiting for the payment (R7.3), the reminder and the suspension date on its border. */
        public static final String AWAIT_PAYMENT = "SubProcess_AwaitPayment";
        public static final String AWAIT_START = "StartEvent_AwaitPayment";
        public static final String CHECK_PAYMENT_AGAIN = "Gateway_CheckPaymentAgain";
        public static final String CHECK_PAYMENT = "Task_CheckPayment";
        public static final String GATEWAY_INVOICE_PAID = "Gateway_InvoicePaid";
        public static final String END_PAYMENT_COMPLETE = "EndEvent_PaymentComplete";
        public static final String MAIL_PAYMENT_BALANCE = "Task_MailPaymentBalance";
        public static final String AWAIT_PAYMENT_AGAIN = "Gateway_AwaitPaymentAgain";
        public static final String PAYMENT_RECEIVED = "Event_PaymentReceived";
        public static final String END_PAID = "EndEvent_Paid";
        public static final String TIMER_REMINDER = "Event_ReminderDue";
        public static final String SEND_REMINDER = "Task_SendReminder";
        public static final String END_REMINDED = "EndEvent_ReminderSent";
        public static final String TIMER_SUSPENSION = "Event_SuspensionDue";

        /** R7.3: the suspension, decided under the client's account lock. */
        public static final String DECIDE_SUSPENSION_AGAIN = "Gateway_DecideSuspensionAgain";
        public static final String DECIDE_SUSPENSION = "Task_DecideSuspension";
        public static final String SUSPENSION_RATE_MISSING = "Event_SuspensionRateMissing";
        public static final String ENTER_RATE_FOR_SUSPENSION = "Task_EnterRateForSuspension";
        public static final String GATEWAY_SUSPENSION_DECIDED = "Gateway_SuspensionDecided";
        public static final String END_PAID_BEFORE_SUSPENSION = "EndEvent_PaidBeforeSuspension";
        public static final String END_JOINED_SUSPENSION = "EndEvent_JoinedSuspension";
        /** R8.2: the final backup through the backup engine, one Backup per server and kind. */
        public static final String FINAL_BACKUP = "CallActivity_FinalBackup";
        public static final String TIMER_FINAL_BACKUP = "Event_FinalBackupTimeout";
        public static final String FINAL_BACKUP_OVER = "Gateway_FinalBackupOver";
        public static final String HOLD_FINAL_BACKUPS = "Task_HoldFinalBackups";
        public static final String SUSPEND_SERVICES = "Task_SuspendServices";
        public static final String MARK_CONTRACTS_SUSPENDED = "Task_MarkContractsSuspended";
        public static final String MAIL_SUSPENSION = "Task_MailSuspension";

        /** R8.2: suspended, waiting for the whole amount due; the deletion notice and deadline on its border. */
        public static final String ENTER_SUSPENDED = "Gateway_EnterSuspended";
        public static final String SUSPENDED = "SubProcess_Suspended";
        public static final String SUSPENDED_START = "StartEvent_Suspended";
        public static final String CHECK_BALANCE_AGAIN = "Gateway_CheckBalanceAgain";
        public static final String CHECK_BALANCE = "Task_CheckBalance";
        public static final String GATEWAY_BALANCE_SETTLED = "Gateway_BalanceSettled";
        public static final String END_BALANCE_SETTLED = "EndEvent_BalanceSettled";
        public static final String MAIL_BALANCE = "Task_MailBalance";
        public static final String SUSPENDED_PAYMENT_RECEIVED = "Event_SuspendedPaymentReceived";
        public static final String DELETION_NOTICE = "EventSubProcess_DeletionNotice";
        public static final String TIMER_DELETION_NOTICE = "StartEvent_DeletionNoticeDue";
        public static final String MAIL_DELETION_NOTICE = "Task_MailDeletionNotice";
        public static final String END_DELETION_NOTICE = "EndEvent_DeletionNoticeSent";
        public static final String SUSPENDED_RATE_MISSING = "Event_SuspendedRateMissing";
        public static final String ENTER_RATE_WHILE_SUSPENDED = "Task_EnterRateWhileSuspended";
        public static final String TIMER_DELETION = "Event_DeletionDue";

        /** R8.2: the deletion deadline, decided under the lock; a manager's hold stops it. */
        public static final String DECIDE_DELETION_AGAIN = "Gateway_DecideDeletionAgain";
        public static final String DECIDE_DELETION = "Task_DecideDeletion";
        public static final String DELETION_RATE_MISSING = "Event_DeletionRateMissing";
        public static final String ENTER_RATE_FOR_DELETION = "Task_EnterRateForDeletion";
        public static final String GATEWAY_DELETION_DECIDED = "Gateway_DeletionDecided";
        public static final String AWAIT_HOLD_LIFTED = "Gateway_AwaitHoldLifted";
        public static final String HOLD_LIFTED = "Event_HoldLifted";
        public static final String TIMER_HOLD_RECHECK = "Event_HoldRecheckDue";
        /** While held, a payment of the client decides again at once (everything paid: reactivated). */
        public static final String HELD_PAYMENT_RECEIVED = "Event_HeldPaymentReceived";
        public static final String DELETE_CLIENT_DATA = "Task_DeleteClientData";
        /** R8.2: a hold placed between the decision and the deletion: nothing deleted, decided again. */
        public static final String DELETION_HELD_MEANWHILE = "Event_DeletionHeldMeanwhile";
        public static final String MARK_CLIENT_DELETED = "Task_MarkClientDeleted";
        public static final String MAIL_DELETION_DONE = "Task_MailDeletionDone";
        public static final String END_DELETED = "EndEvent_Deleted";

        /** R8.2: reactivation once everything is paid, interest and fee included. */
        public static final String REACTIVATE = "Gateway_Reactivate";
        public static final String REACTIVATE_SERVICES = "Task_ReactivateServices";
        public static final String MARK_CLIENT_REACTIVATED = "Task_MarkClientReactivated";
        public static final String MAIL_REACTIVATION = "Task_MailReactivation";
        public static final String END_REACTIVATED = "EndEvent_Reactivated";

        /** R7.6, R7.7: a contest by registered letter; never interrupts the dunning. */
        public static final String CONTEST = "EventSubProcess_Contest";
        public static final String CONTEST_RECEIVED = "StartEvent_ContestReceived";
        public static final String ANSWER_CONTEST = "Task_AnswerContestLetter";
        public static final String GATEWAY_CONTEST_ACCEPTED = "Gateway_ContestAccepted";
        public static final String END_CONTEST_REFUSED = "EndEvent_ContestRefused";
        public static final String DECIDE_CONTEST = "Task_DecideContest";
        public static final String GATEWAY_CONTEST_DECISION = "Gateway_ContestDecision";
        public static final String ISSUE_CREDIT_NOTE = "Task_IssueCreditNote";
        public static final String CONTEST_DECIDED = "Gateway_ContestDecided";
        public static final String MAIL_CONTEST_DECISION = "Task_MailContestDecision";
        public static final String END_CONTEST_DECIDED = "EndEvent_ContestDecided";

        private Elements() {
        }
    }

    /** Messages. */
    public static final class Messages {
        /**
         * Sent after a payment record is committed, correlated by business key = the invoice number
         * of the payment, and to every other instance of the same client waiting while it is
         * suspended (correlated by {@link Vars#CLIENT_ID}).
         */
        public static final String PAYMENT_RECEIVED = "Message_PaymentReceived";
        /** Sent after a manager lifts a deletion hold, correlated by {@link Vars#CLIENT_ID}. */
        public static final String HOLD_LIFTED = "Message_DeletionHoldLifted";
        /**
         * Sent after a contest is recorded (accepted or refused), correlated by business key = the
         * invoice number; it carries nothing: the contest subprocess claims the invoice's next letter
         * from the records. When the invoice's dunning has ended, a new instance of the invoice is
         * started in its contest subprocess instead.
         */
        public static final String CONTEST_RECEIVED = "Message_InvoiceContested";

        private Messages() {
        }
    }

    /** Error codes of the BPMN errors the model catches. */
    public static final class Errors {
        /**
         * R7.5: a late day's semester has no legal rate yet ({@code MissingLegalRateException}); the
         * error's message is the semester, written to {@link Vars#MISSING_SEMESTER}.
         */
        public static final String LEGAL_RATE_MISSING = "LEGAL_RATE_MISSING";
        /** R8.2: the deletion found a manager's hold placed after its decision; nothing was deleted. */
        public static final String DELETION_HELD = "DELETION_HELD";

        private Errors() {
        }
    }

    /** Variable names: ids, dates and decisions only. */
    public static final class Vars {
        /** Start: the invoice number (also the business key). */
        public static final String INVOICE_NUMBER = "invoiceNumber";
        /** Start: the invoice's client. */
        public static final String CLIENT_ID = "clientId";

        /** Task_PlanDunningDates: the reminder (due - reminder-before-due). */
        public static final String REMINDER_AT = "reminderAt";
        /** Task_PlanDunningDates: R7.3 issue + payment term, the due date at 00:00 Paris. */
        public static final String SUSPEND_AT = "suspendAt";
        /** Task_CheckPayment: a {@link PaymentState} name, read from the invoice record. */
        public static final String PAYMENT_STATE = "paymentState";

        /** Task_DecideSuspension: a {@link SuspensionDecision} name, decided under the lock. */
        public static final String SUSPENSION_DECISION = "suspensionDecision";
        /** Task_DecideSuspension: how long the final backup may take (finalBackupWait after the decision). */
        public static final String FINAL_BACKUP_UNTIL = "finalBackupUntil";
        /** The element of CallActivity_FinalBackup's collection: {@code <serverId>:<KIND>}. */
        public static final String FINAL_BACKUP_TARGET = "finalBackupTarget";
        /** Task_DecideSuspension, from the account record: R8.2 suspension + retention. */
        public static final String DELETION_DUE_AT = "deletionDueAt";
        /** Task_DecideSuspension: R8.2 deletionDueAt - deletion-notice-before. */
        public static final String DELETION_NOTICE_AT = "deletionNoticeAt";
        /** Task_CheckBalance: whether everything is paid (R8.2), read under the lock. */
        public static final String BALANCE_SETTLED = "balanceSettled";
        /** Task_DecideDeletion: a {@link DeletionDecision} name, decided under the lock. */
        public static final String DELETION_DECISION = "deletionDecision";
        /** Task_DecideDeletion when a hold stands: when to look again (hold-recheck after the decision). */
        public static final String HOLD_RECHECK_AT = "holdRecheckAt";

        /** The semester whose legal rate is missing (the BPMN error's message), e.g. {@code 2027-S1}. */
        public static final String MISSING_SEMESTER = "missingSemester";
        /** Due date of the managers' rate tasks (manager-task-due after the error). */
        public static final String RATE_TASK_DUE = "legalRateDue";
        /** Input of the rate tasks: the rate in percent per year. */
        public static final String LEGAL_RATE = "legalRate";
        /** Input of the rate tasks: where the rate comes from (the arrêté, a public source). */
        public static final String LEGAL_RATE_SOURCE = "legalRateSource";

        /** Local to the contest's event subprocess: the id of the contest record it claimed. */
        public static final String CONTEST_ID = "contestId";
        /** Local, from the contest record: accepted (R7.6, within the window) or refused. */
        public static final String CONTEST_ACCEPTED = "contestAccepted";
        /** Local: the due date of Task_DecideContest (manager-task-due after the letter was answered). */
        public static final String CONTEST_DUE = "contestDecisionDue";
        /** Context shown in the contest form (from the record). */
        public static final String CONTEST_LETTER_DATE = "contestLetterDate";
        public static final String CONTEST_REASON = "contestReason";
        public static final String CONTEST_INVOICE_EXCL_TAX = "contestInvoiceExclTax";
        /** Inputs of Task_DecideContest. */
        public static final String CONTEST_DECISION = "contestDecision";
        public static final String CREDIT_NOTE_AMOUNT = "creditNoteAmount";
        public static final String CONTEST_NOTE = "contestNote";
        /** Local, copied from the record by the completion listener: the decision grants a credit note. */
        public static final String CONTEST_CREDIT_NOTE = "contestCreditNote";

        private Vars() {
        }
    }

    /** The Camunda Forms of the user tasks (processes/billing/*.form). */
    public static final class Forms {
        public static final String LEGAL_RATE = "billing-legal-rate";
        public static final String CONTEST_DECISION = "billing-contest-decision";

        private Forms() {
        }
    }

    /** The operation key of a server action of this invoice's dunning: idempotent per step. */
    public static String operationKey(String invoiceNumber, String step) {
        return KEY + ":" + invoiceNumber + ":" + step;
    }

    private InvoiceDunningProcess() {
    }
}
