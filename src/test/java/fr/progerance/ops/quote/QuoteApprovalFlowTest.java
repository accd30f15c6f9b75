package fr.progerance.ops.quote;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static fr.progerance.ops.quote.QuoteApprovalProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionStatus;
import fr.progerance.ops.notify.Outcome;
import fr.progerance.ops.quote.QuoteApprovalProcess.Messages;
import fr.progerance.ops.quote.QuoteApprovalProcess.Vars;
import fr.progerance.ops.security.OpsGroups;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of {@code QuoteApproval} (RD-extra, R3.5, R4.0-c, R4.3-t4, R7.1, DESIGN rules 11 and
 * 12) on the real delegates, listeners, services and records of the running application, with
 * fakes only at the ports: the test clock (timers fire by moving it) and GreenMail for SMTP; the
 * client answers through the real public decision page. The process is started as a caller's
 * call activity would start it (IncidentHandlingFlowTest runs it as a real call activity). Expected
 * dates are worked out by hand from the contract's calendar (RC-business, Europe/Paris with its
 * daylight saving change on 29 March 2026), never from the code under test. The coverage gate
 * asserts 100 % of the model's flow nodes and sequence flows.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DisplayName("QuoteApproval flow on the real delegates (fakes at the ports)")
class QuoteApprovalFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** RC-business: a Tuesday inside business hours, winter time (UTC+1). */
    private static final Instant TUESDAY_10H = paris(2026, 3, 10, 10, 0);
    /** RC-business: 9 business hours later (Tuesday 10h-18h, then Wednesday 9h-10h): ops.quote.preparation. */
    private static final Instant WEDNESDAY_10H = paris(2026, 3, 11, 10, 0);
    /** The validity the form proposes: today + 30 days (ops.quote.default-validity). */
    private static final String PROPOSED_VALIDITY = "2026-04-09";
    /** The validity ops choose; the quote expires at the end of that day, Paris time (summer time since 29 March). */
    private static final String VALID_UNTIL = "2026-03-30";
    private static final Instant EXPIRY = paris(2026, 3, 31, 0, 0);
    /** The work window, after the validity date. */
    private static final String WINDOW_START = "2026-04-02T09:00+02:00";
    private static final String WINDOW_END = "2026-04-02T12:00+02:00";

    private static final String OPS_USER = "quoteolivia";
    private static final String OPS_PASSWORD = "quote-olivia-password";

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    ClientDecisions decisions;
    @Autowired
    Quotes quotes;
    @Autowired
    QuoteRepository records;
    @Autowired
    QuoteSettings settings;

    private RegisterApi register;

    /** A client whose primary contact may authorise (R4.3-t4), a secondary who may too, and one server. */
    private record Client(long clientId, long serverId, String primaryEmail, String primaryName) {
    }

    @BeforeEach
    void setUp() {
        clock.set(TUESDAY_10H);
        register = new RegisterApi(port);
        BpmnAwareTests.init(engine);
        if (identity.createUserQuery().userId(OPS_USER).count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser(OPS_USER);
            user.setPassword(OPS_PASSWORD);
            identity.saveUser(user);
            identity.createMembership(OPS_USER, OpsGroups.OPS);
        }
    }

    @AfterEach
    void tearDown() {
        identity.clearAuthentication();
        clock.reset();
        BpmnAwareTests.reset();
    }

    // === the outcomes ==========================================================================

    @Test
    @DisplayName("R4.0-c, RD-extra: prepared by ops (due after one business day), mailed in French with HT, VAT, TTC, window and validity; approved through the signed link's page; the record says who, when and LINK")
    void approvedByLink() throws Exception {
        Client c = client();
        String subject = RegisterApi.unique("update:quote").replace("-", "");
        ProcessInstance pi = requested(c, subject);

        assertThat(pi).hasPassed(START, OPEN).isWaitingAtExactly(PREPARE);
        Task prepare = task(pi, PREPARE);
        assertThat(prepare).hasCandidateGroup(OpsGroups.OPS).hasDueDate(Date.from(WEDNESDAY_10H));
        Assertions.assertThat(runtime.getVariable(pi.getId(), Vars.VALID_UNTIL)).isEqualTo(PROPOSED_VALIDITY);
        long quoteId = quoteId(pi);
        Assertions.assertThat(quotes.find(quoteId).orElseThrow().status()).isEqualTo(QuoteStatus.PREPARING);

        clock.advance(Duration.ofMinutes(30));
        prepareQuote(pi);
        QuoteView prepared = quotes.find(quoteId).orElseThrow();
        Assertions.assertThat(prepared.number()).matches("D2026-\\d{4}");
        Assertions.assertThat(prepared.preparedBy()).isEqualTo(OPS_USER);
        Assertions.assertThat(prepared.amountExclTax()).isEqualByComparingTo("450.00");
        Assertions.assertThat(prepared.windowStart()).isEqualTo(Instant.parse("2026-04-02T07:00:00Z"));
        Assertions.assertThat(prepared.validUntil()).hasToString(VALID_UNTIL);
        Assertions.assertThat(records.findById(quoteId).orElseThrow().getPreparedAt())
                .isEqualTo(TUESDAY_10H.plus(Duration.ofMinutes(30)));

        executeJob(pi, SEND);
        assertThat(pi).isWaitingAtExactly(FOLLOW_UP);
        assertThat(task(pi, FOLLOW_UP)).hasCandidateGroup(OpsGroups.OPS).hasDueDate(Date.from(EXPIRY));
        QuoteSending sending = quotes.sending(quoteId).orElseThrow();
        Assertions.assertThat(sending.recipientEmail()).isEqualTo(c.primaryEmail());
        Assertions.assertThat(sending.expiresAt()).isEqualTo(EXPIRY);
        Assertions.assertThat(sending.vatRate()).isEqualByComparingTo("0.20");

        MimeMessage mail = mailTo(c.primaryEmail(), "Devis " + prepared.number() + " : Mise à jour majeure");
        String text = Mails.text(mail);
        Assertions.assertThat(text).contains("Bonjour " + c.primaryName()).contains("450,00 € HT")
                .contains("TVA à 20 % : 90,00 €").contains("540,00 € TTC")
                .contains("du jeudi 2 avril 2026 à 09h00 au jeudi 2 avril 2026 à 12h00 (heure de Paris)")
                .contains("valable jusqu'au lundi 30 mars 2026 inclus")
                .contains("Sauvegarde complète, puis mise à jour").contains("rien n'est entrepris");
        Assertions.assertThat(Mails.html(mail)).contains("540,00 € TTC").contains("Accepter le devis");

        ClientDecision d = decision(quoteId);
        Assertions.assertThat(d.getPurpose()).isEqualTo("QUOTE");
        Assertions.assertThat(d.getExpiresAt()).isEqualTo(EXPIRY);
        Assertions.assertThat(d.getQuestion()).contains(prepared.number()).contains("450,00 € HT")
                .contains("540,00 € TTC");

        clock.advance(Duration.ofDays(2));
        String path = linkPath(text, "APPROVE");
        TestApi.Answer shown = TestApi.anonymous(port).send(TestApi.anonymous(port).request(path + "?answer=APPROVE")
                .setHeader("Accept", "text/html").GET());
        Assertions.assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        Assertions.assertThat(shown.body()).contains(prepared.number()).contains("Sauvegarde complète");
        Assertions.assertThat(decision(quoteId).getStatus()).as("GET never decides").isEqualTo(DecisionStatus.PENDING);
        TestApi.Answer page = answerByLink(path, "APPROVE");
        Assertions.assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(pi).hasPassed(MESSAGE_ANSWERED_BY_LINK).isWaitingAtExactly(RECORD_OUTCOME);
        executeJob(pi, RECORD_OUTCOME);
        assertThat(pi).hasPassed(END_DECIDED).isEnded();

        QuoteView decided = quotes.decided(quoteId, subject);
        Assertions.assertThat(decided.status()).isEqualTo(QuoteStatus.APPROVED);
        Assertions.assertThat(decided.channel()).isEqualTo("LINK");
        Assertions.assertThat(decided.decidedBy()).isEqualTo(c.primaryEmail());
        Assertions.assertThat(decided.decidedAt()).isEqualTo(TUESDAY_10H.plus(Duration.ofMinutes(30)).plus(Duration.ofDays(2)));
        Assertions.assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(Vars.QUOTE_ID).singleResult().getValue()).as("quoteId out").isEqualTo(quoteId);
    }

    @Test
    @DisplayName("RD-extra, DESIGN rule 11: approved by phone, logged by the ops user on the decision record; the link no longer takes an answer")
    void approvedByPhone() throws Exception {
        Client c = client();
        String subject = RegisterApi.unique("incident:INC").replace("-", "");
        ProcessInstance pi = sent(c, subject);
        long quoteId = quoteId(pi);
        String link = linkPath(Mails.text(mailTo(c.primaryEmail(), "Devis " + number(quoteId))), "DECLINE");

        clock.advance(Duration.ofHours(3));
        complete(pi, FOLLOW_UP, Vars.PHONE_ANSWER, "APPROVE");
        assertThat(pi).hasPassed(FOLLOW_UP).isWaitingAtExactly(RECORD_OUTCOME);
        executeJob(pi, RECORD_OUTCOME);
        assertThat(pi).isEnded();

        QuoteView decided = quotes.decided(quoteId, subject);
        Assertions.assertThat(decided.status()).isEqualTo(QuoteStatus.APPROVED);
        Assertions.assertThat(decided.channel()).isEqualTo("PHONE");
        Assertions.assertThat(decided.decidedBy()).isEqualTo(OPS_USER);
        Assertions.assertThat(decided.decidedAt()).isEqualTo(TUESDAY_10H.plus(Duration.ofHours(3)));
        Assertions.assertThat(decision(quoteId).getAnsweredByUser()).isEqualTo(OPS_USER);
        Assertions.assertThat(answerByLink(link, "DECLINE").status()).as("the link is closed").isEqualTo(409);
        Assertions.assertThat(quotes.find(quoteId).orElseThrow().status()).isEqualTo(QuoteStatus.APPROVED);
    }

    @Test
    @DisplayName("RD-extra, R4.0-c: declined through the link; the record says DECLINED by the contact, and so does Quotes.decided")
    void declinedByLink() throws Exception {
        Client c = client();
        String subject = RegisterApi.unique("update:quote").replace("-", "");
        ProcessInstance pi = sent(c, subject);
        long quoteId = quoteId(pi);
        Assertions.assertThat(decisions.answer(token(decision(quoteId)), fr.progerance.ops.notify.Answer.DECLINE,
                "192.0.2.30").result()).isEqualTo(Outcome.Result.DECLINED);
        executeJob(pi, RECORD_OUTCOME);
        assertThat(pi).isEnded();
        QuoteView decided = quotes.decided(quoteId, subject);
        Assertions.assertThat(decided.status()).isEqualTo(QuoteStatus.DECLINED);
        Assertions.assertThat(decided.channel()).isEqualTo("LINK");
        Assertions.assertThat(decided.decidedBy()).isEqualTo(c.primaryEmail());
    }

    @Test
    @DisplayName("DESIGN rule 12: an unanswered quote is reminded every 7 days before its expiry, then expires at the end of its validity day: closed, the client told, nothing decided by anyone")
    void remindedThenExpires() throws Exception {
        Client c = client();
        String subject = RegisterApi.unique("update:quote").replace("-", "");
        ProcessInstance pi = sent(c, subject);
        long quoteId = quoteId(pi);
        String number = number(quoteId);
        String link = linkPath(Mails.text(mailTo(c.primaryEmail(), "Devis " + number)), "APPROVE");
        Instant sentAt = now();

        // 20 days and 13 hours of validity (Tuesday 10 March 10h to 31 March 0h, summer time): 2 reminders
        for (int n = 1; n <= 2; n++) {
            fireTimer(pi, TIMER_REMINDER, sentAt.plus(Duration.ofDays(7).multipliedBy(n)));
            executeJob(pi, REMIND);
            Assertions.assertThat(Mails.text(mailTo(c.primaryEmail(), "Rappel : devis " + number)))
                    .contains("lundi 30 mars 2026").contains("?answer=APPROVE");
        }
        assertThat(pi).hasPassed(END_REMINDED).isWaitingAt(FOLLOW_UP);
        Assertions.assertThat(quotes.sending(quoteId).orElseThrow().remindersSent()).isEqualTo(2);
        Assertions.assertThat(subjects().stream().filter(s -> s.startsWith("Rappel : devis " + number)).count())
                .as("two distinct reminders").isEqualTo(2);
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId(TIMER_REMINDER)
                .timers().singleResult()).as("none at or after the expiry").isNull();

        fireTimer(pi, TIMER_EXPIRED, EXPIRY);
        executeJob(pi, CLOSE_EXPIRED);
        executeJob(pi, RECORD_OUTCOME);
        assertThat(pi).hasPassed(TIMER_EXPIRED, CLOSE_EXPIRED, END_DECIDED).isEnded();

        QuoteView expired = quotes.decided(quoteId, subject);
        Assertions.assertThat(expired.status()).isEqualTo(QuoteStatus.EXPIRED);
        Assertions.assertThat(expired.channel()).isEqualTo("EXPIRY");
        Assertions.assertThat(expired.decidedBy()).isEqualTo("system");
        Assertions.assertThat(expired.decidedAt()).isEqualTo(EXPIRY.plusSeconds(1));
        Assertions.assertThat(decision(quoteId).getStatus()).isEqualTo(DecisionStatus.EXPIRED);
        Assertions.assertThat(Mails.text(mailTo(c.primaryEmail(), "Devis " + number + " expiré sans réponse")))
                .contains("Il est désormais clos : aucun des travaux qu'il décrit ne sera entrepris");
        Assertions.assertThat(answerByLink(link, "APPROVE").status()).as("too late").isEqualTo(410);
    }

    // === what ops may enter ====================================================================

    @Test
    @DisplayName("RD-extra, R7.1: bad preparations are refused before anything is saved (amount, window, validity, text, no person); the task stays open and no number is taken")
    void badPreparationIsRefused() {
        Client c = client();
        ProcessInstance pi = requested(c, RegisterApi.unique("update:quote").replace("-", ""));
        long quoteId = quoteId(pi);
        Map<String, Object> good = preparation();
        List<Map.Entry<Map<String, Object>, String>> bad = List.of(
                Map.entry(with(good, Vars.AMOUNT, "0"), "more than 0"),
                Map.entry(with(good, Vars.AMOUNT, "-450.00"), "more than 0"),
                Map.entry(with(good, Vars.AMOUNT, "450.001"), "two decimals"),
                Map.entry(with(good, Vars.AMOUNT, "quatre cents"), Vars.AMOUNT),
                Map.entry(with(good, Vars.AMOUNT, null), Vars.AMOUNT),
                Map.entry(with(good, Vars.DESCRIPTION, "  "), Vars.DESCRIPTION),
                Map.entry(with(good, Vars.DESCRIPTION, "Mise à jour\u001b[2J"), "control characters"),
                Map.entry(with(good, Vars.DESCRIPTION, "x".repeat(2001)), "2000"),
                Map.entry(with(good, Vars.WINDOW_START, "2026-03-09T09:00+01:00"), "start in the future"),
                Map.entry(with(good, Vars.WINDOW_END, "2026-04-02T08:00+02:00"), "end after it starts"),
                Map.entry(with(good, Vars.WINDOW_START, "demain"), Vars.WINDOW_START),
                Map.entry(with(good, Vars.VALID_UNTIL, "2026-03-09"), "past"),
                Map.entry(with(good, Vars.VALID_UNTIL, "2026-04-02"), "before the window's first day"),
                Map.entry(with(good, Vars.VALID_UNTIL, "30/03/2026"), Vars.VALID_UNTIL));
        for (var c2 : bad) {
            Assertions.assertThatThrownBy(() -> completeAs(OPS_USER, task(pi, PREPARE), c2.getKey()))
                    .as("%s", c2.getKey()).isInstanceOf(FormRefusal.class).hasMessageContaining(c2.getValue());
        }
        Task prepare = task(pi, PREPARE);
        Assertions.assertThatThrownBy(() -> tasks.complete(prepare.getId(), good)).as("nobody logged in")
                .isInstanceOf(FormRefusal.class).hasMessageContaining("Log in");
        Assertions.assertThat(task(pi, PREPARE)).as("still open").isNotNull();
        Quote record = records.findById(quoteId).orElseThrow();
        Assertions.assertThat(record.getNumber()).isNull();
        Assertions.assertThat(record.getStatus()).isEqualTo(QuoteStatus.PREPARING);

        prepareQuote(pi);
        Assertions.assertThat(records.findById(quoteId).orElseThrow().getNumber()).isNotNull();
    }

    @Test
    @DisplayName("Gapless-enough numbers: consecutive within the year; a refused preparation takes none")
    void numbersFollowEachOther() {
        Client c = client();
        ProcessInstance first = requested(c, RegisterApi.unique("update:quote").replace("-", ""));
        ProcessInstance second = requested(c, RegisterApi.unique("update:quote").replace("-", ""));
        prepareQuote(first);
        Assertions.assertThatThrownBy(() -> completeAs(OPS_USER, task(second, PREPARE),
                with(preparation(), Vars.AMOUNT, "0"))).isInstanceOf(FormRefusal.class);
        prepareQuote(second);
        int a = Integer.parseInt(number(quoteId(first)).substring("D2026-".length()));
        int b = Integer.parseInt(number(quoteId(second)).substring("D2026-".length()));
        Assertions.assertThat(b).isEqualTo(a + 1);
    }

    @Test
    @DisplayName("DESIGN rule 11: a hostile ops user through /engine-rest cannot set quoteId or other variables, correlate the answer, start the process, or complete a task with foreign variables; the quote stays as it was")
    void hostileOpsThroughEngineRest() throws Exception {
        Client c = client();
        String subject = RegisterApi.unique("update:quote").replace("-", "");
        ProcessInstance pi = requested(c, subject);
        String pid = pi.getId();
        long quoteId = quoteId(pi);
        TestApi ops = TestApi.as(port, OPS_USER, OPS_PASSWORD);

        // The preparation: only its own inputs, and the record's number is the engine's.
        Task prepare = task(pi, PREPARE);
        TestApi.Answer foreign = ops.post("/engine-rest/task/" + prepare.getId() + "/complete", Map.of("variables",
                typed(with(preparation(), Vars.NUMBER, "D2026-9999", Vars.QUOTE_ID, 1))));
        Assertions.assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        Assertions.assertThat(foreign.body()).contains(Vars.NUMBER).contains(Vars.QUOTE_ID);
        TestApi.Answer zero = ops.post("/engine-rest/task/" + prepare.getId() + "/complete", Map.of("variables",
                typed(with(preparation(), Vars.AMOUNT, "0"))));
        Assertions.assertThat(zero.status()).as("the server's check, not only the form's: %s", zero).isEqualTo(400);
        Assertions.assertThat(zero.body()).contains("more than 0");
        TestApi.Answer prepared = ops.post("/engine-rest/task/" + prepare.getId() + "/complete", Map.of("variables",
                typed(preparation())));
        Assertions.assertThat(prepared.status()).as(prepared.toString()).isEqualTo(204);
        Assertions.assertThat(quotes.find(quoteId).orElseThrow().preparedBy()).isEqualTo(OPS_USER);
        executeJob(pi, SEND);

        // Another quote of the same client, decided: swapping quoteId to it would be the forgery.
        ProcessInstance other = sent(c, RegisterApi.unique("update:quote").replace("-", ""));
        complete(other, FOLLOW_UP, Vars.PHONE_ANSWER, "APPROVE");
        executeJob(other, RECORD_OUTCOME);
        long otherId = quoteId(other);

        TestApi.Answer setVariable = ops.put("/engine-rest/process-instance/" + pid + "/variables/" + Vars.QUOTE_ID,
                Map.of("value", otherId, "type", "Long"));
        Assertions.assertThat(setVariable.status()).as(setVariable.toString()).isEqualTo(403);
        TestApi.Answer modify = ops.post("/engine-rest/process-instance/" + pid + "/variables", Map.of("modifications",
                Map.of(Vars.EXPIRES_AT, Map.of("value", "2026-03-11T00:00:00.000+0100", "type", "Date"))));
        Assertions.assertThat(modify.status()).as(modify.toString()).isEqualTo(403);
        TestApi.Answer message = ops.post("/engine-rest/message", Map.of("messageName", Messages.ANSWERED,
                "processInstanceId", pid, "processVariables", Map.of("quoteDecisionApproved", Map.of("value", true),
                        "quoteDecisionChannel", Map.of("value", "LINK"))));
        Assertions.assertThat(message.status()).as(message.toString()).isEqualTo(403);
        TestApi.Answer start = ops.post("/engine-rest/process-definition/key/" + QuoteApprovalProcess.KEY + "/start",
                Map.of("variables", typed(Map.of(Vars.SUBJECT, subject, Vars.CLIENT_ID, c.clientId(),
                        Vars.TITLE, "Faux devis"))));
        Assertions.assertThat(start.status()).as(start.toString()).isEqualTo(403);

        Task followUp = task(pi, FOLLOW_UP);
        TestApi.Answer forged = ops.post("/engine-rest/task/" + followUp.getId() + "/complete", Map.of("variables",
                typed(Map.of("quoteDecisionApproved", true, "quoteDecisionChannel", "LINK", Vars.QUOTE_ID, otherId))));
        Assertions.assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
        Assertions.assertThat(forged.body()).contains("quoteDecisionApproved").contains(Vars.QUOTE_ID);
        TestApi.Answer taskVariable = ops.put("/engine-rest/task/" + followUp.getId() + "/variables/" + Vars.QUOTE_ID,
                Map.of("value", otherId, "type", "Long"));
        Assertions.assertThat(taskVariable.status()).as(taskVariable.toString()).isEqualTo(400);
        TestApi.Answer local = ops.put("/engine-rest/task/" + followUp.getId() + "/localVariables/" + Vars.PHONE_ANSWER,
                Map.of("value", "APPROVE"));
        Assertions.assertThat(local.status()).as(local.toString()).isEqualTo(400);
        TestApi.Answer noAnswer = ops.post("/engine-rest/task/" + followUp.getId() + "/complete", Map.of("variables",
                typed(Map.of(Vars.PHONE_ANSWER, "MAYBE"))));
        Assertions.assertThat(noAnswer.status()).as(noAnswer.toString()).isEqualTo(400);

        Assertions.assertThat(runtime.getVariable(pid, Vars.QUOTE_ID)).isEqualTo(quoteId);
        Assertions.assertThat(runtime.getVariable(pid, "quoteDecisionApproved")).isNull();
        Assertions.assertThat(task(pi, FOLLOW_UP)).as("still waiting for the client").isNotNull();
        Assertions.assertThat(decision(quoteId).getStatus()).isEqualTo(DecisionStatus.PENDING);
        Assertions.assertThat(quotes.find(quoteId).orElseThrow().status()).isEqualTo(QuoteStatus.SENT);

        // The callers' reading is checked against the subject, the newest quote and the calling instance.
        Assertions.assertThatThrownBy(() -> quotes.decided(otherId, subject)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is for");
        Assertions.assertThatThrownBy(() -> quotes.decided(quoteId, subject)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not decided");
        String otherSubject = quotes.find(otherId).orElseThrow().subject();
        Assertions.assertThatThrownBy(() -> quotes.decided(otherId, otherSubject, pid))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was not asked for");
    }

    @Test
    @DisplayName("DESIGN rule 13: a call without a valid subject, client or title retries, then is a Camunda incident saying what is wrong; no record is opened")
    void badCallBecomesAnIncident() {
        Client c = client();
        ProcessInstance pi = runtime.startProcessInstanceByKey(QuoteApprovalProcess.KEY, Map.of(Vars.SUBJECT,
                "n'importe quoi", Vars.CLIENT_ID, c.clientId(), Vars.TITLE, "Travaux"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            Job job = job(pi, OPEN);
            Assertions.assertThatThrownBy(() -> management.executeJob(job.getId()))
                    .hasMessageContaining("QuoteApproval was called wrongly").hasMessageContaining(Vars.SUBJECT);
            clock.advance(Duration.ofMinutes(1));
        }
        var incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(incident.getActivityId()).isEqualTo(OPEN);
        Assertions.assertThat(incident.getIncidentMessage()).contains(Vars.SUBJECT);
        Assertions.assertThat(records.findByProcessInstanceId(pi.getId())).isEmpty();
        runtime.deleteProcessInstance(pi.getId(), "test: a bad call");
    }

    // === steps =================================================================================

    private Client client() {
        long clientId = register.createClient();
        String tag = RegisterApi.unique("q").replace("-", "");
        String primary = "direction." + tag + "@boutique.example";
        String primaryName = "Claire Martin " + tag;
        register.createContact(clientId, "PRIMARY", "name", primaryName, "email", primary, "mayAuthorise", true);
        register.createContact(clientId, "SECONDARY", "email", "technique." + tag + "@boutique.example",
                "secondaryOrder", 1, "mayAuthorise", true);
        long contractId = register.createContract(clientId);
        long serverId = register.createServer(contractId, "PROGERANCE");
        return new Client(clientId, serverId, primary, primaryName);
    }

    /** As a caller's call activity starts it; Task_OpenQuote ran. */
    private ProcessInstance requested(Client c, String subject) {
        ProcessInstance pi = runtime.startProcessInstanceByKey(QuoteApprovalProcess.KEY, subject, Map.of(
                Vars.SUBJECT, subject, Vars.CLIENT_ID, c.clientId(), Vars.SERVER_ID, c.serverId(),
                Vars.TITLE, "Mise à jour majeure de PrestaShop 1.7.8.11 vers 8.1.7"));
        assertThat(pi).isWaitingAtExactly(OPEN);
        executeJob(pi, OPEN);
        return pi;
    }

    /** Requested, prepared by ops and sent; the follow-up task waits. */
    private ProcessInstance sent(Client c, String subject) {
        ProcessInstance pi = requested(c, subject);
        prepareQuote(pi);
        executeJob(pi, SEND);
        assertThat(pi).isWaitingAtExactly(FOLLOW_UP);
        return pi;
    }

    private static Map<String, Object> preparation() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(Vars.DESCRIPTION, "Sauvegarde complète, puis mise à jour de PrestaShop avec l'assistant officiel.\n"
                + "Vérification de la boutique et des modules.");
        p.put(Vars.AMOUNT, "450.00");
        p.put(Vars.WINDOW_START, WINDOW_START);
        p.put(Vars.WINDOW_END, WINDOW_END);
        p.put(Vars.VALID_UNTIL, VALID_UNTIL);
        return p;
    }

    private void prepareQuote(ProcessInstance pi) {
        completeAs(OPS_USER, task(pi, PREPARE), preparation());
        assertThat(pi).isWaitingAtExactly(SEND);
    }

    private long quoteId(ProcessInstance pi) {
        return (Long) history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(Vars.QUOTE_ID).singleResult().getValue();
    }

    private String number(long quoteId) {
        return quotes.find(quoteId).orElseThrow().number();
    }

    private ClientDecision decision(long quoteId) {
        return decisions.find(records.findById(quoteId).orElseThrow().getDecisionId()).orElseThrow();
    }

    // === engine helpers ========================================================================

    private Task task(ProcessInstance pi, String key) {
        return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
    }

    private void complete(ProcessInstance pi, String key, Object... variables) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            map.put((String) variables[i], variables[i + 1]);
        }
        Task task = task(pi, key);
        Assertions.assertThat(task).as("task %s", key).isNotNull();
        completeAs(OPS_USER, task, map);
    }

    /** Completes the task as an ops user of Tasklist (authenticated, group ops). */
    private void completeAs(String user, Task task, Map<String, Object> variables) {
        identity.setAuthentication(user, List.of(OpsGroups.OPS));
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    private Job job(ProcessInstance pi, String activityId) {
        Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
        Assertions.assertThat(job).as("a job at %s", activityId).isNotNull();
        return job;
    }

    private void executeJob(ProcessInstance pi, String activityId) {
        management.executeJob(job(pi, activityId).getId());
    }

    /** The timer of {@code eventId} is due at {@code due}; the job executor picks it up a second later. */
    private void fireTimer(ProcessInstance pi, String eventId, Instant due) {
        Job timer = management.createJobQuery().processInstanceId(pi.getId()).activityId(eventId).timers()
                .singleResult();
        Assertions.assertThat(timer).as("timer %s", eventId).isNotNull();
        Assertions.assertThat(timer.getDuedate()).as("due date of %s", eventId).isEqualTo(Date.from(due));
        clock.set(due.plusSeconds(1));
        management.executeJob(timer.getId());
    }

    private Instant now() {
        return clock.instant();
    }

    private static Instant paris(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, PARIS).toInstant();
    }

    private static Map<String, Object> typed(Map<String, Object> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((k, v) -> typed.put(k, Map.of("value", v)));
        return typed;
    }

    private static MimeMessage mailTo(String address, String subjectStart) throws Exception {
        return Mails.to(MAIL, address, subjectStart);
    }

    private static List<String> subjects() {
        return Arrays.stream(MAIL.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The path of the decision page of the approve or decline link in a quote mail (its buttons post the answer). */
    private static String linkPath(String mailBody, String answer) {
        Matcher m = Pattern.compile("https?://[^\\s]+/decisions/[^\\s?]+\\?answer=" + answer).matcher(mailBody);
        Assertions.assertThat(m.find()).as("a %s link in %s", answer, mailBody).isTrue();
        return URI.create(m.group()).getRawPath();
    }

    /** The client's POST on the decision page, as its buttons send it. */
    private TestApi.Answer answerByLink(String path, String answer) {
        TestApi client = TestApi.anonymous(port);
        return client.send(client.request(path).setHeader("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("answer=" + answer)));
    }

    /** The signed token of a decision's page, as the client's link carries it. */
    private String token(ClientDecision d) {
        String page = decisions.links(d).page();
        return URLDecoder.decode(URI.create(page).getRawPath().substring("/decisions/".length()), StandardCharsets.UTF_8);
    }
}
