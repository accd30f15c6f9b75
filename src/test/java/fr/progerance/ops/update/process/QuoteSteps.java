package fr.progerance.ops.update.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.progerance.ops.Mails;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.quote.QuoteApprovalProcess;
import fr.progerance.ops.quote.QuoteApprovalProcess.Elements;
import fr.progerance.ops.quote.QuoteApprovalProcess.Vars;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.quote.Quotes;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * The real {@code QuoteApproval} (helper C's) as a MajorUpdate calls it, driven the way people do:
 * ops prepare the quote in its Tasklist form through {@code /engine-rest} with their login, the
 * French mail goes out (GreenMail), the client answers on the signed link's page, or ops log a phone
 * answer.
 */
final class QuoteSteps {

    /** The client's contact who may authorise, as {@code RegisterApi.createContact} writes it. */
    static final String CLIENT_EMAIL = "contact@example.fr";

    private final int port;
    private final TestApi ops;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final Quotes quotes;
    private final UpdateFlowDriver driver;
    private final GreenMailExtension mail;

    QuoteSteps(int port, TestApi ops, RuntimeService runtime, TaskService tasks, Quotes quotes, UpdateFlowDriver driver,
            GreenMailExtension mail) {
        this.port = port;
        this.ops = ops;
        this.runtime = runtime;
        this.tasks = tasks;
        this.quotes = quotes;
        this.driver = driver;
        this.mail = mail;
    }

    /** The QuoteApproval instance the MajorUpdate {@code major} called. */
    ProcessInstance quoteOf(ProcessInstance major) {
        ProcessInstance quote = runtime.createProcessInstanceQuery().superProcessInstanceId(major.getId())
                .processDefinitionKey(QuoteApprovalProcess.KEY).singleResult();
        assertThat(quote).as("the QuoteApproval of %s", major.getId()).isNotNull();
        return quote;
    }

    /** Ops prepare the quote (window and validity as ISO text, Paris offsets) and it is mailed to the client. */
    QuoteView prepareAndSend(ProcessInstance major, String windowStart, String windowEnd, String validUntil) {
        driver.settleCleanly(major.getId());
        return prepareAndSendQuote(quoteOf(major), major.getId(), windowStart, windowEnd, validUntil);
    }

    /** {@link #prepareAndSend} of a QuoteApproval instance {@code quote} (driven through {@code settleId}'s jobs). */
    QuoteView prepareAndSendQuote(ProcessInstance quote, String settleId, String windowStart, String windowEnd,
            String validUntil) {
        driver.settleCleanly(settleId);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put(Vars.DESCRIPTION, Map.of("value", "Sauvegarde complète, mise à jour majeure avec l'assistant officiel,"
                + " vérification de la boutique et des modules."));
        form.put(Vars.AMOUNT, Map.of("value", "1800.00"));
        form.put(Vars.WINDOW_START, Map.of("value", windowStart));
        form.put(Vars.WINDOW_END, Map.of("value", windowEnd));
        form.put(Vars.VALID_UNTIL, Map.of("value", validUntil));
        TestApi.Answer prepared = ops.post("/engine-rest/task/" + task(quote, Elements.PREPARE).getId() + "/submit-form",
                Map.of("variables", form));
        assertThat(prepared.status()).as(prepared.toString()).isEqualTo(204);
        driver.settleCleanly(settleId);
        assertThat(task(quote, Elements.FOLLOW_UP)).as("the quote is with the client").isNotNull();
        long quoteId = ((Number) runtime.getVariable(quote.getId(), Vars.QUOTE_ID)).longValue();
        return quotes.find(quoteId).orElseThrow();
    }

    /** Ops log the client's answer given by phone (APPROVE or DECLINE). */
    void answerByPhone(ProcessInstance major, String answer) {
        Task followUp = task(quoteOf(major), Elements.FOLLOW_UP);
        TestApi.Answer logged = ops.post("/engine-rest/task/" + followUp.getId() + "/submit-form",
                Map.of("variables", Map.of(Vars.PHONE_ANSWER, Map.of("value", answer))));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(204);
    }

    /** The client answers on the page of the signed link of the quote's mail (APPROVE or DECLINE). */
    void answerByLink(QuoteView quote, String answer) throws Exception {
        MimeMessage m = Mails.to(mail, CLIENT_EMAIL, "Devis " + quote.number());
        Matcher link = Pattern.compile("https?://[^\\s]+/decisions/[^\\s?]+\\?answer=" + answer).matcher(Mails.text(m));
        assertThat(link.find()).as("a %s link in the quote's mail", answer).isTrue();
        String path = URI.create(link.group()).getRawPath();
        TestApi client = TestApi.anonymous(port);
        TestApi.Answer page = client.send(client.request(path).setHeader("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("answer=" + answer)));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
    }

    private Task task(ProcessInstance quote, String key) {
        return tasks.createTaskQuery().processInstanceId(quote.getId()).taskDefinitionKey(key).singleResult();
    }
}
