package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentQuotes;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.quote.QuoteSending;
import fr.progerance.ops.quote.QuoteStatus;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.quote.Quotes;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * RD-extra, R3.5: after the shared {@code QuoteApproval} decided the complementary-work quote, the
 * incident reads it from the quote record (DESIGN rule 11: {@link Quotes#decided(long, String, String)}
 * checks the incident's subject, that it is the newest quote of it, and that this instance asked for
 * it), keeps its story in the incident's timeline, and only an APPROVED quote lets the work be
 * carried out. Declined or expired, the hoster stays alone in charge, as the quote's mails said.
 */
@Configuration(proxyBeanMethods = false)
public class QuoteApprovalCallDelegates {

    /** Task_ReadQuoteOutcome: the decided quote, into the timeline and Gateway_QuoteApproved. */
    @Bean
    JavaDelegate readQuoteOutcomeDelegate(IncidentService incidents, IncidentQuotes incidentQuotes, Quotes quotes) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            Long quoteId = ProcessVariables.number(execution, Vars.QUOTE_ID);
            if (quoteId == null) {
                throw new ProcessEngineException("Variable '" + Vars.QUOTE_ID + "' is required but missing: QuoteApproval"
                        + " returns it");
            }
            QuoteView q;
            try {
                q = quotes.decided(quoteId, incidentQuotes.subject(number), execution.getProcessInstanceId());
            } catch (IllegalStateException notThisIncidentsQuote) {
                throw new ProcessEngineException(notThisIncidentsQuote.getMessage(), notThisIncidentsQuote);
            }
            QuoteSending sent = quotes.sending(quoteId).orElseThrow(() -> new ProcessEngineException("Quote "
                    + q.number() + " is decided but was never sent"));
            incidents.record(number, IncidentEvent.Kind.QUOTE_SENT, q.number() + ": " + q.amountExclTax().toPlainString()
                    + " EUR excl. tax, work window " + q.windowStart() + " to " + q.windowEnd() + ", valid until "
                    + q.validUntil() + "; prepared by " + q.preparedBy() + ", sent to " + sent.recipientEmail() + " at "
                    + sent.sentAt(), q.preparedBy());
            if (sent.remindersSent() > 0) {
                incidents.record(number, IncidentEvent.Kind.QUOTE_REMINDED, q.number() + ": " + sent.remindersSent()
                        + " reminder(s), the last at " + sent.lastRemindedAt(), null);
            }
            if (q.status() == QuoteStatus.EXPIRED) {
                incidents.record(number, IncidentEvent.Kind.QUOTE_EXPIRED, q.number() + ": no answer by "
                        + sent.expiresAt() + ": the quote is closed and the hoster stays in charge (RD-extra)", null);
            } else {
                incidents.record(number, IncidentEvent.Kind.QUOTE_ANSWERED, q.number() + " "
                        + (q.status() == QuoteStatus.APPROVED ? "approved" : "declined") + " by " + q.channel() + " ("
                        + q.decidedBy() + ") at " + at(q.decidedAt()), "PHONE".equals(q.channel()) ? q.decidedBy() : null);
            }
            execution.setVariable(Vars.QUOTE_APPROVED, q.status() == QuoteStatus.APPROVED);
            execution.setVariable(Vars.QUOTE_NUMBER, q.number());
            execution.setVariable(Vars.QUOTE_AMOUNT, q.amountExclTax().toPlainString());
            execution.setVariable(Vars.QUOTE_DESCRIPTION, q.description());
        };
    }

    private static String at(Instant instant) {
        return String.valueOf(instant);
    }
}
