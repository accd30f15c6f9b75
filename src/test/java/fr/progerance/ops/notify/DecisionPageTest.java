package fr.progerance.ops.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import fr.progerance.ops.OpsSpringBootTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The client decision pages through real HTTP against the whole application, with real message
 * correlation into a test-only process ({@code notify/decision-test.bpmn}) that waits for the answer.
 */
@OpsSpringBootTest
class DecisionPageTest {

    static final String PROCESS = "NotifyDecisionTest";
    static final String MESSAGE = "Message_NotifyTestDecision";
    static final String QUESTION = "Acceptez-vous le redémarrage du serveur web-01 maintenant ?";
    static final String DETAILS = "Le service PHP ne répond plus.\nLe redémarrage coupe le site environ 2 minutes.";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ClientDecisions decisions;
    @Autowired
    ClientDecisionRepository repository;
    @Autowired
    SignedLinks signedLinks;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void deploy() {
        repositoryService.createDeployment().name("notify-decision-test")
                .addClasspathResource("notify/decision-test.bpmn").enableDuplicateFiltering(true).deploy();
    }

    // --- helpers -------------------------------------------------------------------------------

    private String startProcess() {
        return runtimeService.startProcessInstanceByKey(PROCESS).getId();
    }

    private ClientDecision request(String processInstanceId, String prefix) {
        return decisions.request(new DecisionRequest("test:" + processInstanceId + ":" + UUID.randomUUID(),
                "INCIDENT_ACTION", QUESTION, DETAILS, processInstanceId, MESSAGE, prefix, 42L,
                "marie.martin@client.example", null));
    }

    /** The page's path (and query) from the URL a mail would carry. */
    private String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private String page(ClientDecision d) {
        return path(decisions.links(d).page());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean waiting(String processInstanceId) {
        return runtimeService.createExecutionQuery().processInstanceId(processInstanceId)
                .messageEventSubscriptionName(MESSAGE).count() == 1;
    }

    private boolean completed(String processInstanceId) {
        return "COMPLETED".equals(historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult().getState());
    }

    private Object variable(String processInstanceId, String name) {
        HistoricVariableInstance v = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        return v == null ? null : v.getValue();
    }

    private DecisionStatus status(ClientDecision d) {
        return repository.findById(d.getId()).orElseThrow().getStatus();
    }

    private static void assertSecured(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                .contains("frame-ancestors 'none'", "default-src 'none'", "form-action 'self'"));
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(r.body()).contains("<html lang=\"fr\"");
    }

    // --- the happy paths ----------------------------------------------------------------------

    @Test
    @DisplayName("R4.3-t3 GET shows the French question and two POST forms, without login, and decides nothing")
    void pageShowsQuestion() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, null);
        String token = signedLinks.token(d.getId(), d.getExpiresAt());

        HttpResponse<String> r = get(page(d));

        assertThat(r.statusCode()).isEqualTo(200);
        assertSecured(r);
        assertThat(r.body()).contains("Votre décision est requise", QUESTION, "Le service PHP ne répond plus.",
                "Le redémarrage coupe le site environ 2 minutes.", "Approuver", "Refuser", "heure de Paris");
        assertThat(r.body().split("<form method=\"post\" action=\"/decisions/" + token + "\">", -1)).hasSize(3);
        assertThat(r.body()).contains("name=\"answer\" value=\"APPROVE\"", "name=\"answer\" value=\"DECLINE\"");
        // Nothing beyond the question and the client's own context.
        assertThat(r.body()).doesNotContain(pid, MESSAGE, "marie.martin@client.example", d.getId());

        // Following the mail's "approve" link only highlights the button.
        HttpResponse<String> approveLink = get(path(decisions.links(d).approve()));
        assertThat(approveLink.statusCode()).isEqualTo(200);
        assertThat(approveLink.body()).contains("Vous avez choisi « <span>Approuver</span> »", "approve chosen");

        assertThat(status(d)).isEqualTo(DecisionStatus.PENDING);
        assertThat(waiting(pid)).isTrue();
    }

    @Test
    @DisplayName("R4.3-t3 POST approve records the answer and completes the waiting process with decisionApproved=true")
    void approve() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, null);

        HttpResponse<String> r = post(page(d), "answer=APPROVE");

        assertThat(r.statusCode()).isEqualTo(200);
        assertSecured(r);
        assertThat(r.body()).contains("Merci, votre réponse est enregistrée", "Votre réponse : Approuver", QUESTION);
        assertThat(completed(pid)).isTrue();
        assertThat(variable(pid, ClientDecisions.VAR_APPROVED)).isEqualTo(true);
        assertThat(variable(pid, ClientDecisions.VAR_DECISION_ID)).isEqualTo(d.getId());
        assertThat(variable(pid, ClientDecisions.VAR_CHANNEL)).isEqualTo("LINK");
        ClientDecision saved = repository.findById(d.getId()).orElseThrow();
        assertThat(saved.getStatus()).isEqualTo(DecisionStatus.APPROVED);
        assertThat(saved.getAnswerChannel()).isEqualTo(AnswerChannel.LINK);
        assertThat(saved.getAnsweredAt()).isNotNull();
        // The client's IP is kept as a keyed pseudonym, not as the address.
        assertThat(saved.getAnsweredByIp()).isEqualTo(signedLinks.pseudonym("127.0.0.1")).doesNotContain("127");

        // Reused link: refused, the first answer stands.
        HttpResponse<String> again = post(page(d), "answer=DECLINE");
        assertThat(again.statusCode()).isEqualTo(409);
        assertSecured(again);
        assertThat(again.body()).contains("Réponse déjà enregistrée", "« Approuver »");
        assertThat(status(d)).isEqualTo(DecisionStatus.APPROVED);
        assertThat(get(page(d)).statusCode()).isEqualTo(409);
    }

    @Test
    @DisplayName("POST decline completes the process with decisionApproved=false")
    void decline() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, null);

        HttpResponse<String> r = post(page(d), "answer=DECLINE");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Votre réponse : Refuser");
        assertThat(completed(pid)).isTrue();
        assertThat(variable(pid, ClientDecisions.VAR_APPROVED)).isEqualTo(false);
        assertThat(status(d)).isEqualTo(DecisionStatus.DECLINED);
    }

    @Test
    @DisplayName("A decision with a variable prefix sets prefixed variables (several questions in one process)")
    void prefixedVariables() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, "restore");

        assertThat(post(page(d), "answer=APPROVE").statusCode()).isEqualTo(200);

        assertThat(variable(pid, "restoreDecisionApproved")).isEqualTo(true);
        assertThat(variable(pid, "restoreDecisionId")).isEqualTo(d.getId());
        assertThat(variable(pid, "restoreDecisionChannel")).isEqualTo("LINK");
        assertThat(variable(pid, ClientDecisions.VAR_APPROVED)).isNull();
    }

    @Test
    @DisplayName("R4.3-t5 A phone answer logged by ops correlates the same way; the link is then refused")
    void phoneAnswer() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, null);

        Outcome outcome = decisions.recordPhoneAnswer(d.getId(), Answer.DECLINE, "alice");

        assertThat(outcome.result()).isEqualTo(Outcome.Result.DECLINED);
        assertThat(completed(pid)).isTrue();
        assertThat(variable(pid, ClientDecisions.VAR_APPROVED)).isEqualTo(false);
        assertThat(variable(pid, ClientDecisions.VAR_CHANNEL)).isEqualTo("PHONE");
        ClientDecision saved = repository.findById(d.getId()).orElseThrow();
        assertThat(saved.getAnswerChannel()).isEqualTo(AnswerChannel.PHONE);
        assertThat(saved.getAnsweredByUser()).isEqualTo("alice");
        assertThat(saved.getAnsweredByIp()).isNull();
        assertThat(post(page(d), "answer=APPROVE").statusCode()).isEqualTo(409);
        assertThat(decisions.recordPhoneAnswer(d.getId(), Answer.APPROVE, "bob").result())
                .isEqualTo(Outcome.Result.ALREADY_ANSWERED);
        assertThatThrownBy(() -> decisions.recordPhoneAnswer("no-such-id", Answer.APPROVE, "alice"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("request() is idempotent on its key (a job retry gets the same decision and link)")
    void requestIsIdempotent() {
        String pid = startProcess();
        DecisionRequest req = new DecisionRequest("test:" + pid + ":Task_AskContact:contact42", "INCIDENT_ACTION",
                QUESTION, null, pid, MESSAGE, null, 42L, "marie.martin@client.example", Duration.ofHours(2));
        ClientDecision first = decisions.request(req);
        ClientDecision second = decisions.request(req);

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(decisions.links(second)).isEqualTo(decisions.links(first));
        assertThat(first.getExpiresAt()).isEqualTo(first.getCreatedAt().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS));
        assertThat(decisions.links(first).page()).startsWith("http://localhost:8080/decisions/");
        String otherPid = startProcess();
        assertThatThrownBy(() -> decisions.request(new DecisionRequest(req.requestKey(), "INCIDENT_ACTION", QUESTION,
                null, otherPid, MESSAGE, null, null, null, null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("The mail model carries the question, links and French expiry")
    void mailModel() {
        String pid = startProcess();
        ClientDecision d = request(pid, null);
        Map<String, Object> model = decisions.mailModel(d);
        assertThat(model).containsEntry("question", QUESTION)
                .containsEntry("details", List.of("Le service PHP ne répond plus.",
                        "Le redémarrage coupe le site environ 2 minutes."))
                .containsEntry("pageUrl", decisions.links(d).page())
                .containsEntry("approveUrl", decisions.links(d).page() + "?answer=APPROVE")
                .containsEntry("declineUrl", decisions.links(d).page() + "?answer=DECLINE");
        assertThat((String) model.get("expiresAt")).matches("\\p{L}+ \\d{1,2} \\p{L}+ \\d{4} à \\d{2}h\\d{2}");
    }

    @Test
    @DisplayName("R4.3-t3 End to end: the French mail received over SMTP carries the link that leads to the decision")
    void mailedLinkLeadsToTheDecision() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, null);
        Map<String, Object> model = new LinkedHashMap<>(decisions.mailModel(d));
        model.put("recipientName", "Madame Martin");
        model.put("reference", "INC-TEST-1");
        model.put("noAnswer", "nous solliciterons le contact suivant prévu à votre contrat.");
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("localhost");
        sender.setPort(SMTP.getSmtp().getPort());
        DataSource mailDb = MailFixtures.database();
        new Mailer(() -> sender, new MailTemplates(), mailDb, new DataSourceTransactionManager(mailDb),
                new MailSettings(), Clock.systemUTC())
                .send(OutgoingMail.french("test:" + d.getId(), List.of(d.getRecipientEmail()), "decision-request", model));

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).startsWith("INC-TEST-1 : Votre décision est requise avant le ");
        String text = MailFixtures.text(mail);
        Matcher approve = Pattern.compile("Pour approuver : (\\S+)").matcher(text);
        assertThat(approve.find()).isTrue();
        assertThat(text).contains(QUESTION, "Pour refuser : " + decisions.links(d).decline());

        HttpResponse<String> landing = get(path(approve.group(1)));
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains(QUESTION);
        assertThat(status(d)).isEqualTo(DecisionStatus.PENDING); // following the link decided nothing
        assertThat(post(path(approve.group(1)).replaceAll("\\?.*", ""), "answer=APPROVE").statusCode()).isEqualTo(200);
        assertThat(variable(pid, ClientDecisions.VAR_APPROVED)).isEqualTo(true);
    }

    // --- refusals: nothing changes -------------------------------------------------------------

    @Test
    @DisplayName("Tampered token: 400 page, nothing changes")
    void tampered() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, null);
        String token = signedLinks.token(d.getId(), d.getExpiresAt());
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        HttpResponse<String> getPage = get("/decisions/" + tampered);
        HttpResponse<String> postPage = post("/decisions/" + tampered, "answer=APPROVE");
        HttpResponse<String> garbage = post("/decisions/not-a-token", "answer=APPROVE");

        for (HttpResponse<String> r : List.of(getPage, postPage, garbage)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertSecured(r);
            assertThat(r.body()).contains("Lien non valide").doesNotContain(QUESTION);
        }
        assertThat(status(d)).isEqualTo(DecisionStatus.PENDING);
        assertThat(waiting(pid)).isTrue();
    }

    @Test
    @DisplayName("A well-signed token for a decision that does not exist: 404 page")
    void unknown() throws Exception {
        String token = signedLinks.token(UUID.randomUUID().toString(), Instant.now().plus(Duration.ofHours(1)));
        HttpResponse<String> r = post("/decisions/" + token, "answer=APPROVE");
        assertThat(r.statusCode()).isEqualTo(404);
        assertSecured(r);
        assertThat(r.body()).contains("Demande introuvable");
        assertThat(get("/decisions/" + token).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("Expired link: 410 page on GET and POST, the decision stays PENDING and the process waits")
    void expired() throws Exception {
        String pid = startProcess();
        Instant created = Instant.now().minus(Duration.ofHours(80)).truncatedTo(ChronoUnit.SECONDS);
        ClientDecision d = repository.saveAndFlush(new ClientDecision(UUID.randomUUID().toString(),
                new DecisionRequest("test:expired:" + pid, "INCIDENT_ACTION", QUESTION, null, pid, MESSAGE, null, null,
                        "marie.martin@client.example", null),
                created, created.plus(Duration.ofHours(72))));

        HttpResponse<String> getPage = get(page(d));
        HttpResponse<String> postPage = post(page(d), "answer=APPROVE");

        for (HttpResponse<String> r : List.of(getPage, postPage)) {
            assertThat(r.statusCode()).isEqualTo(410);
            assertSecured(r);
            assertThat(r.body()).contains("Lien expiré", "Votre réponse n&#39;a pas été enregistrée");
        }
        assertThat(status(d)).isEqualTo(DecisionStatus.PENDING);
        assertThat(waiting(pid)).isTrue();
    }

    @Test
    @DisplayName("Cancelled decision (the process asked the next contact): 410 page, process untouched")
    void cancelled() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, null);
        assertThat(decisions.cancel(d.getId()).getStatus()).isEqualTo(DecisionStatus.CANCELLED);
        assertThat(decisions.cancel(d.getId()).getStatus()).isEqualTo(DecisionStatus.CANCELLED); // idempotent

        HttpResponse<String> getPage = get(page(d));
        HttpResponse<String> postPage = post(page(d), "answer=APPROVE");

        for (HttpResponse<String> r : List.of(getPage, postPage)) {
            assertThat(r.statusCode()).isEqualTo(410);
            assertThat(r.body()).contains("Demande annulée");
        }
        assertThat(status(d)).isEqualTo(DecisionStatus.CANCELLED);
        assertThat(waiting(pid)).isTrue();
        assertThat(decisions.recordPhoneAnswer(d.getId(), Answer.APPROVE, "alice").result())
                .isEqualTo(Outcome.Result.CANCELLED);
    }

    @Test
    @DisplayName("R4.3-t3 A written answer recorded by ops keeps its reference and the user, correlates nothing, and closes the link")
    void writtenAnswer() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, "restore");

        ClientDecision recorded = decisions.recordWrittenAnswer(d.getId(), Answer.APPROVE,
                " courriel du 12/03/2026 10:42 de jean.dupont@client.fr ", "alice");

        assertThat(recorded.getStatus()).isEqualTo(DecisionStatus.APPROVED);
        ClientDecision saved = repository.findById(d.getId()).orElseThrow();
        assertThat(saved.getAnswerChannel()).isEqualTo(AnswerChannel.WRITTEN);
        assertThat(saved.getAnsweredByUser()).isEqualTo("alice");
        assertThat(saved.getAnswerReference()).isEqualTo("courriel du 12/03/2026 10:42 de jean.dupont@client.fr");
        assertThat(saved.getAnsweredAt()).isNotNull();
        assertThat(waiting(pid)).as("the task that recorded it moves the process, not a message").isTrue();
        assertThat(post(page(d), "answer=DECLINE").statusCode()).isEqualTo(409);
        assertThat(decisions.recordWrittenAnswer(d.getId(), Answer.DECLINE, "autre", "bob").getStatus())
                .as("a decision already answered stays as it is").isEqualTo(DecisionStatus.APPROVED);
        assertThatThrownBy(() -> decisions.recordWrittenAnswer(d.getId(), Answer.APPROVE, " ", "alice"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decisions.recordWrittenAnswer(d.getId(), Answer.APPROVE, "ligne 1\nligne 2", "alice"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decisions.recordWrittenAnswer(d.getId(), Answer.APPROVE, "ref", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decisions.recordWrittenAnswer("no-such-id", Answer.APPROVE, "ref", "alice"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("expire() and cancelPending() close PENDING decisions only")
    void expireAndCancelPending() throws Exception {
        String pid = startProcess();
        ClientDecision expired = request(pid, null);
        ClientDecision open1 = request(pid, null);
        ClientDecision open2 = request(pid, null);
        assertThat(decisions.expire(expired.getId()).getStatus()).isEqualTo(DecisionStatus.EXPIRED);

        assertThat(decisions.cancelPending(pid)).isEqualTo(2);

        assertThat(status(expired)).isEqualTo(DecisionStatus.EXPIRED);
        assertThat(status(open1)).isEqualTo(DecisionStatus.CANCELLED);
        assertThat(status(open2)).isEqualTo(DecisionStatus.CANCELLED);
        assertThat(post(page(expired), "answer=APPROVE").statusCode()).isEqualTo(410);
    }

    @Test
    @DisplayName("The process no longer waits: the correlation fails, the status change is rolled back, 410 page")
    void processMovedOn() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, null);
        runtimeService.deleteProcessInstance(pid, "test: the process moved on");

        HttpResponse<String> postPage = post(page(d), "answer=APPROVE");

        assertThat(postPage.statusCode()).isEqualTo(410);
        assertSecured(postPage);
        assertThat(postPage.body()).contains("Demande close", "Votre réponse n&#39;a pas été enregistrée");
        ClientDecision saved = repository.findById(d.getId()).orElseThrow();
        assertThat(saved.getStatus()).isEqualTo(DecisionStatus.PENDING); // no half-state
        assertThat(saved.getAnsweredAt()).isNull();
        assertThat(get(page(d)).statusCode()).isEqualTo(410);
    }

    @Test
    @DisplayName("An answer other than APPROVE or DECLINE: 400 page, nothing decided")
    void badAnswer() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, null);

        for (String form : List.of("answer=MAYBE", "", "answer=")) {
            HttpResponse<String> r = post(page(d), form);
            assertThat(r.statusCode()).as(form).isEqualTo(400);
            assertThat(r.body()).contains("Réponse non reconnue");
        }
        assertThat(status(d)).isEqualTo(DecisionStatus.PENDING);
        assertThat(waiting(pid)).isTrue();
    }

    @Test
    @DisplayName("Two answers at the same moment (double click, two recipients): exactly one is recorded")
    void concurrentAnswers() throws Exception {
        String pid = startProcess();
        ClientDecision d = request(pid, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<HttpResponse<String>>> answers = List.of(
                    () -> post(page(d), "answer=APPROVE"), () -> post(page(d), "answer=DECLINE"));
            for (Future<HttpResponse<String>> f : pool.invokeAll(answers, 60, TimeUnit.SECONDS)) {
                statuses.add(f.get().statusCode());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnlyOnce(200);
        assertThat(statuses).anyMatch(s -> s == 409 || s == 503);
        assertThat(completed(pid)).isTrue();
        DecisionStatus status = status(d);
        assertThat(status).isIn(DecisionStatus.APPROVED, DecisionStatus.DECLINED);
        assertThat(variable(pid, ClientDecisions.VAR_APPROVED)).isEqualTo(status == DecisionStatus.APPROVED);
    }
}
