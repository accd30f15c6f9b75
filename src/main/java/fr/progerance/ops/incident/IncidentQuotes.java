package fr.progerance.ops.incident;

import fr.progerance.ops.notify.MailTemplates;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What IncidentHandling passes to the shared {@code QuoteApproval} (RD-extra, R3.5), read by the
 * call activity's {@code camunda:in} mappings from the incident's record and the register: its
 * subject {@code incident:<number>}, the client of the incident's contract, a French title, and
 * what happens without an answer (the hoster stays alone in charge). Bean name {@code incidentQuotes}.
 */
@Component("incidentQuotes")
public class IncidentQuotes {

    /** The prefix of an incident's quote subjects. */
    public static final String SUBJECT_PREFIX = "incident:";

    private final IncidentService incidents;
    private final MailTemplates templates;

    public IncidentQuotes(IncidentService incidents, MailTemplates templates) {
        this.incidents = incidents;
        this.templates = templates;
    }

    /** {@code incident:INC-2026-0042}: the quote's subject, checked again when its outcome is read. */
    public String subject(String number) {
        return SUBJECT_PREFIX + incidents.get(number).getNumber();
    }

    /** The client who receives the quote: the client of the incident's contract. */
    public Long clientId(String number) {
        return incidents.context(number).contract().getClientId();
    }

    /** The French title shown to ops and to the client. */
    public String title(String number) {
        IncidentService.Context ctx = incidents.context(number);
        return templates.text("incident-quote-title", Map.of("number", ctx.incident().getNumber(),
                "serverName", ctx.server().getName()));
    }

    /** RD-extra: without an answer (or declined), the hoster stays alone in charge; said in the quote's mails. */
    public String noAnswer(String number) {
        return templates.text("incident-quote-no-answer", Map.of("number", incidents.get(number).getNumber()));
    }
}
