package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.charges.LegalRates;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Elements;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Vars;
import fr.progerance.ops.billing.ledger.ClientAccounts;
import fr.progerance.ops.billing.ledger.ClientAccounts.Account;
import fr.progerance.ops.billing.ledger.ClientLedger;
import fr.progerance.ops.billing.ledger.ClientStanding;
import fr.progerance.ops.billing.ledger.Invoice;
import fr.progerance.ops.billing.ledger.InvoiceStanding;
import fr.progerance.ops.billing.suspension.ClientServices;
import fr.progerance.ops.billing.suspension.DeletionHeldException;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ServerRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates and task listeners of {@code InvoiceDunning} (R7.3, R7.5, R7.6, R8.2): each
 * reads the invoice and client ids, calls one service ({@link DunningDecisions}, {@link DunningMails},
 * {@link ClientServices}, {@link FinalBackups}, {@link InvoiceContests}), and writes the few
 * variables that steer the flow, copied from the records (DESIGN rule 11). The steps that compute
 * a client's charges first pass the {@link LegalRateGate} (R7.5: a missing legal rate is a BPMN
 * error the model turns into a managers' task).
 */
@Configuration(proxyBeanMethods = false)
public class DunningDelegates {

    private static final Logger LOG = LoggerFactory.getLogger(DunningDelegates.class);

    /**
     * Task_PlanDunningDates: the invoice record (it exists, it is the client's, this is its only
     * dunning) and the timer dates from its issue instant (R7.3).
     */
    @Bean
    JavaDelegate planDunningDatesDelegate(DunningDecisions decisions, DunningTimeline timeline, HistoryService history) {
        return execution -> {
            String number = DunningVariables.invoiceNumber(execution);
            long others = history.createHistoricProcessInstanceQuery().processDefinitionKey(InvoiceDunningProcess.KEY)
                    .processInstanceBusinessKey(number).list().stream()
                    .filter(p -> !p.getId().equals(execution.getProcessInstanceId()))
                    .filter(p -> Elements.START.equals(p.getStartActivityId())).count();
            if (others > 0) {
                throw new ProcessEngineException("Invoice " + number + " has its dunning already; this instance plans"
                        + " nothing (cancel it in Cockpit)");
            }
            Invoice invoice = decisions.issued(number, DunningVariables.clientId(execution));
            execution.setVariable(Vars.REMINDER_AT, Date.from(timeline.reminderAt(invoice.getIssuedAt())));
            execution.setVariable(Vars.SUSPEND_AT, Date.from(timeline.suspendAt(invoice.getIssuedAt())));
        };
    }

    /** Task_MailInvoice (R7.2): the invoice in French to the billing contact. */
    @Bean
    JavaDelegate mailInvoiceDelegate(DunningDecisions decisions, DunningTimeline timeline, DunningMails mails) {
        return execution -> {
            Invoice invoice = decisions.issued(DunningVariables.invoiceNumber(execution),
                    DunningVariables.clientId(execution));
            mails.invoice(invoice, timeline.suspendAt(invoice.getIssuedAt()));
        };
    }

    /** Task_CheckPayment (R7.3): paid, partly paid or unpaid, as the invoice record says. */
    @Bean
    JavaDelegate checkPaymentDelegate(DunningDecisions decisions) {
        return execution -> execution.setVariable(Vars.PAYMENT_STATE, decisions.paymentState(
                DunningVariables.invoiceNumber(execution), DunningVariables.clientId(execution)).name());
    }

    /** Task_MailPaymentBalance: what is left to pay after a partial payment (once per amount paid). */
    @Bean
    JavaDelegate mailPaymentBalanceDelegate(DunningDecisions decisions, DunningTimeline timeline, DunningMails mails) {
        return execution -> {
            InvoiceStanding invoice = invoice(decisions, execution);
            if (PaymentState.of(invoice) == PaymentState.PARTLY_PAID) {
                mails.partialPayment(invoice, timeline.suspendAt(invoice.issuedAt()));
            }
        };
    }

    /**
     * Task_SendReminder: the reminder before the due date, only while the invoice is unpaid and its
     * due date has not passed (a timer that fires late, after the engine was down, reminds of nothing:
     * the suspension decides; a late invoice's charges may even wait for a legal rate).
     */
    @Bean
    JavaDelegate sendReminderDelegate(DunningDecisions decisions, DunningTimeline timeline, DunningMails mails) {
        return execution -> {
            Object due = execution.getVariable(Vars.SUSPEND_AT);
            if (due instanceof Date d && !timeline.clock().instant().isBefore(d.toInstant())) {
                LOG.info("Invoice {}: no reminder, its due date {} has passed", execution.getProcessBusinessKey(), d);
                return;
            }
            InvoiceStanding invoice = invoice(decisions, execution);
            if (!invoice.principalPaid()) {
                mails.reminder(invoice, timeline.suspendAt(invoice.issuedAt()));
            }
        };
    }

    /**
     * Task_DecideSuspension (R7.3), under the lock: PAID, JOINED or SUSPENDED; when suspended, the
     * deletion dates from the account record (R8.2) and how long the final backup may take.
     */
    @Bean
    JavaDelegate decideSuspensionDelegate(DunningDecisions decisions, DunningTimeline timeline, LegalRateGate rates) {
        return execution -> {
            long clientId = DunningVariables.clientId(execution);
            rates.require(clientId);
            DunningDecisions.Suspension s = decisions.decideSuspension(DunningVariables.invoiceNumber(execution),
                    clientId);
            execution.setVariable(Vars.SUSPENSION_DECISION, s.decision().name());
            if (s.decision() == SuspensionDecision.SUSPENDED) {
                execution.setVariable(Vars.FINAL_BACKUP_UNTIL, Date.from(timeline.finalBackupUntil()));
                execution.setVariable(Vars.DELETION_DUE_AT, Date.from(s.deletionDueAt()));
                execution.setVariable(Vars.DELETION_NOTICE_AT, Date.from(timeline.deletionNoticeAt(s.deletionDueAt())));
            }
        };
    }

    /** Task_HoldFinalBackups (R8.2): the holds, from the run records; ops hear of what is missing. */
    @Bean
    JavaDelegate holdFinalBackupsDelegate(FinalBackups finalBackups, DunningMails mails) {
        return execution -> {
            String number = DunningVariables.invoiceNumber(execution);
            long clientId = DunningVariables.clientId(execution);
            List<FinalBackups.Held> held = finalBackups.hold(execution.getProcessInstanceId(), clientId, number);
            if (held.stream().anyMatch(h -> h.problem() != null)) {
                mails.finalBackupProblems(number, clientId, held);
            }
        };
    }

    /** Task_SuspendServices (R7.3): every service of the client, through SSH templates and operation records. */
    @Bean
    JavaDelegate suspendServicesDelegate(ClientServices services) {
        return execution -> {
            String number = DunningVariables.invoiceNumber(execution);
            ClientServices.Report report = services.suspend(DunningVariables.clientId(execution),
                    InvoiceDunningProcess.operationKey(number, "suspend"));
            LOG.info("Invoice {}: services suspended: {}", number, report.steps());
        };
    }

    /** Task_MarkContractsSuspended (R7.3). */
    @Bean
    JavaDelegate markContractsSuspendedDelegate(DunningDecisions decisions) {
        return execution -> decisions.markContractsSuspended(DunningVariables.clientId(execution));
    }

    /** Task_MailSuspension (R7.3, R7.5): the whole amount due, every open invoice with its charges. */
    @Bean
    JavaDelegate mailSuspensionDelegate(ClientLedger ledger, ClientAccounts accounts, DunningMails mails) {
        return execution -> {
            long clientId = DunningVariables.clientId(execution);
            Account account = ownAccount(accounts, execution);
            mails.suspension(DunningVariables.invoiceNumber(execution), ledger.client(clientId), account.suspendedAt(),
                    account.deletionDueAt());
        };
    }

    /** Task_CheckBalance (R8.2), under the lock: everything paid, interest and fees included? */
    @Bean
    JavaDelegate checkBalanceDelegate(DunningDecisions decisions, LegalRateGate rates) {
        return execution -> {
            long clientId = DunningVariables.clientId(execution);
            rates.require(clientId);
            execution.setVariable(Vars.BALANCE_SETTLED, decisions.settled(clientId));
        };
    }

    /** Task_MailBalance (R8.2): the balance still due for the reactivation, once per balance. */
    @Bean
    JavaDelegate mailBalanceDelegate(ClientLedger ledger, ClientAccounts accounts, DunningMails mails,
            LegalRateGate rates) {
        return unsettledMail(ledger, accounts, rates, mails::balance);
    }

    /** Task_MailDeletionNotice (R8.2): the notice before the deletion, with the amount to pay. */
    @Bean
    JavaDelegate mailDeletionNoticeDelegate(ClientLedger ledger, ClientAccounts accounts, DunningMails mails,
            LegalRateGate rates) {
        return unsettledMail(ledger, accounts, rates, mails::deletionNotice);
    }

    /** A mail about what a suspended client owes (R7.5, R8.2); none once everything is paid. */
    interface StandingMail {
        void send(String invoiceNumber, ClientStanding standing, Instant deletionDueAt);
    }

    private static JavaDelegate unsettledMail(ClientLedger ledger, ClientAccounts accounts, LegalRateGate rates,
            StandingMail mail) {
        return execution -> {
            long clientId = DunningVariables.clientId(execution);
            rates.require(clientId);
            ClientStanding standing = ledger.client(clientId);
            if (!standing.settled()) {
                mail.send(DunningVariables.invoiceNumber(execution), standing,
                        ownAccount(accounts, execution).deletionDueAt());
            }
        };
    }

    /** Task_DecideDeletion (R8.2), under the lock: SETTLED, HELD or DELETE. */
    @Bean
    JavaDelegate decideDeletionDelegate(DunningDecisions decisions, DunningTimeline timeline, LegalRateGate rates) {
        return execution -> {
            long clientId = DunningVariables.clientId(execution);
            rates.require(clientId);
            DeletionDecision d = decisions.decideDeletion(DunningVariables.invoiceNumber(execution), clientId);
            execution.setVariable(Vars.DELETION_DECISION, d.name());
            if (d == DeletionDecision.HELD) {
                execution.setVariable(Vars.HOLD_RECHECK_AT, Date.from(timeline.holdRecheckAt()));
            }
        };
    }

    /**
     * Task_DeleteClientData (R8.2): servers, local and off-site repositories, with the audit record
     * first; a hold placed since the decision stops it (nothing deleted) and the deletion is decided again.
     */
    @Bean
    JavaDelegate deleteClientDataDelegate(ClientServices services) {
        return execution -> {
            String number = DunningVariables.invoiceNumber(execution);
            ClientServices.Report report;
            try {
                report = services.delete(DunningVariables.clientId(execution),
                        InvoiceDunningProcess.operationKey(number, "delete"), "R8.2");
            } catch (DeletionHeldException held) {
                throw new BpmnError(InvoiceDunningProcess.Errors.DELETION_HELD, held.getMessage());
            }
            LOG.info("Invoice {}: client data deleted (audit {}): {}", number, report.auditId(), report.steps());
        };
    }

    /** Task_MarkClientDeleted (R8.2): the account DELETED and the contracts TERMINATED. */
    @Bean
    JavaDelegate markClientDeletedDelegate(DunningDecisions decisions) {
        return execution -> decisions.markDeleted(DunningVariables.clientId(execution));
    }

    /** Task_MailDeletionDone (R8.2): what was deleted, in French. */
    @Bean
    JavaDelegate mailDeletionDoneDelegate(DunningMails mails, ContractRepository contracts, ServerRepository servers) {
        return execution -> {
            long clientId = DunningVariables.clientId(execution);
            List<String> serverNames = new ArrayList<>();
            contracts.findByClient_IdOrderByIdAsc(clientId).forEach(c -> servers.findByContract_IdOrderByIdAsc(c.getId())
                    .forEach(s -> serverNames.add(s.getName())));
            mails.deleted(DunningVariables.invoiceNumber(execution), clientId, serverNames);
        };
    }

    /** Task_ReactivateServices (R8.2): undoes the suspension on every server. */
    @Bean
    JavaDelegate reactivateServicesDelegate(ClientServices services) {
        return execution -> {
            String number = DunningVariables.invoiceNumber(execution);
            ClientServices.Report report = services.reactivate(DunningVariables.clientId(execution),
                    InvoiceDunningProcess.operationKey(number, "reactivate"));
            LOG.info("Invoice {}: services reactivated: {}", number, report.steps());
        };
    }

    /** Task_MarkClientReactivated (R8.2): the account GOOD and the contracts ACTIVE again. */
    @Bean
    JavaDelegate markClientReactivatedDelegate(DunningDecisions decisions) {
        return execution -> decisions.markReactivated(DunningVariables.clientId(execution));
    }

    /** Task_MailReactivation (R8.2). */
    @Bean
    JavaDelegate mailReactivationDelegate(DunningMails mails) {
        return execution -> mails.reactivated(DunningVariables.invoiceNumber(execution),
                DunningVariables.clientId(execution));
    }

    /**
     * On completion of a rate task (checked by {@link DunningCompletionChecks}): R7.5, the rate and
     * its source entered with the logged-in manager, unless the semester got its rate meanwhile.
     */
    @Bean
    TaskListener legalRateListener(LegalRates rates, IdentityService identity) {
        return task -> {
            String semester = DunningVariables.text(task, Vars.MISSING_SEMESTER);
            if (semester == null) {
                throw new ProcessEngineException("Variable '" + Vars.MISSING_SEMESTER + "' is required but missing");
            }
            if (rates.find(semester).isEmpty()) {
                BigDecimal rate = DunningVariables.decimal(task.getVariable(Vars.LEGAL_RATE), Vars.LEGAL_RATE);
                rates.enter(semester, rate, DunningVariables.text(task, Vars.LEGAL_RATE_SOURCE), user(identity, task));
            }
            // The inputs were written to the record; the next rate task starts empty.
            task.getExecution().removeVariable(Vars.LEGAL_RATE);
            task.getExecution().removeVariable(Vars.LEGAL_RATE_SOURCE);
        };
    }

    /**
     * Task_AnswerContestLetter (R7.6): the contest subprocess claims the next letter of its invoice
     * (a record; the message carries nothing), answers it in French, and keeps its id locally.
     */
    @Bean
    JavaDelegate answerContestDelegate(InvoiceContests contests, DunningTimeline timeline, DunningMails mails) {
        return execution -> {
            InvoiceContest contest = contests.claim(DunningVariables.invoiceNumber(execution), execution.getId());
            boolean accepted = contest.getStatus() == ContestStatus.ACCEPTED;
            execution.setVariableLocal(Vars.CONTEST_ID, contest.getId());
            execution.setVariableLocal(Vars.CONTEST_ACCEPTED, accepted);
            if (accepted) {
                Date due = timeline.managerTaskDue();
                execution.setVariableLocal(Vars.CONTEST_DUE, due);
                execution.setVariableLocal(Vars.CONTEST_LETTER_DATE, FrenchFormats.date(contest.getLetterDate()));
                execution.setVariableLocal(Vars.CONTEST_REASON, contest.getReason());
                execution.setVariableLocal(Vars.CONTEST_INVOICE_EXCL_TAX, contest.getInvoiceExclTax().toPlainString());
                mails.contestReceived(contest, due);
            } else {
                mails.contestRefused(contest);
            }
        };
    }

    /**
     * On completion of Task_DecideContest (checked by {@link DunningCompletionChecks}): the decision
     * on the contest record with the logged-in manager; the route is copied from the record.
     */
    @Bean
    TaskListener contestDecisionListener(InvoiceContests contests, IdentityService identity) {
        return task -> {
            InvoiceContest c = contests.decide(DunningVariables.contestId(task),
                    ContestDecision.valueOf(DunningVariables.text(task, Vars.CONTEST_DECISION)),
                    DunningVariables.decimal(task.getVariable(Vars.CREDIT_NOTE_AMOUNT), Vars.CREDIT_NOTE_AMOUNT),
                    DunningVariables.text(task, Vars.CONTEST_NOTE), user(identity, task));
            task.getExecution().setVariableLocal(Vars.CONTEST_CREDIT_NOTE, c.getDecision() == ContestDecision.CREDIT_NOTE);
            for (String input : List.of(Vars.CONTEST_DECISION, Vars.CREDIT_NOTE_AMOUNT, Vars.CONTEST_NOTE)) {
                task.getExecution().removeVariable(input);
            }
        };
    }

    /** Task_IssueCreditNote (R7.6, R4.4-c): the credit note the record grants, once. */
    @Bean
    JavaDelegate issueCreditNoteDelegate(InvoiceContests contests) {
        return execution -> contests.issueCreditNote(DunningVariables.contestId(execution));
    }

    /** Task_MailContestDecision (R7.6): the managers' decision in French. */
    @Bean
    JavaDelegate mailContestDecisionDelegate(InvoiceContests contests, DunningMails mails) {
        return execution -> mails.contestDecided(contests.get(DunningVariables.contestId(execution)));
    }

    private static InvoiceStanding invoice(DunningDecisions decisions, DelegateExecution execution) {
        return decisions.invoice(DunningVariables.invoiceNumber(execution), DunningVariables.clientId(execution));
    }

    /** The client's account, suspended by this invoice (its suspension date and R8.2 deletion date). */
    private static Account ownAccount(ClientAccounts accounts, DelegateExecution execution) {
        long clientId = DunningVariables.clientId(execution);
        String number = DunningVariables.invoiceNumber(execution);
        Account account = accounts.find(clientId).orElseThrow(() -> new ProcessEngineException("Client " + clientId
                + " has no account record"));
        if (!number.equals(account.suspendedBy())) {
            throw new ProcessEngineException("Client " + clientId + " is " + account.standing() + " by "
                    + account.suspendedBy() + ", not by invoice " + number);
        }
        return account;
    }

    /** The Tasklist user completing {@code task}: the engine's authentication, else the assignee; required. */
    static String user(IdentityService identity, DelegateTask task) {
        Authentication who = identity.getCurrentAuthentication();
        String user = who != null && who.getUserId() != null ? who.getUserId() : task.getAssignee();
        if (user == null || user.isBlank()) {
            throw new ProcessEngineException("No user to name in the record of task " + task.getId());
        }
        return user;
    }
}
