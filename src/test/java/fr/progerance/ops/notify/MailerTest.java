package fr.progerance.ops.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.progerance.ops.SlowSmtpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link Mailer} against a real SMTP server (GreenMail on a free port) with the real templates and
 * a database holding {@code ops_sent_mail}; no Spring context.
 */
class MailerTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private DataSource database;
    private JdbcTemplate jdbc;
    private Mailer mailer;

    @BeforeEach
    void setUp() {
        database = MailFixtures.database();
        jdbc = new JdbcTemplate(database);
        mailer = mailer(SMTP.getSmtp().getPort());
    }

    private Mailer mailer(int port) {
        return mailer(port, new MailSettings(), MailFixtures.CLOCK, database);
    }

    private static Mailer mailer(int port, MailSettings settings, Clock clock, DataSource database) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("localhost");
        sender.setPort(port);
        sender.getJavaMailProperties().setProperty("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().setProperty("mail.smtp.timeout", "5000");
        return new Mailer(() -> sender, new MailTemplates(), database, new DataSourceTransactionManager(database),
                settings, clock);
    }

    private static OutgoingMail notice(String key) {
        return OutgoingMail.french(key, List.of("a@client.example"), "plain-notice",
                Map.of("subject", key, "paragraphs", List.of("Une seule fois.")));
    }

    /** A claim as a sender leaves it when it dies between the claim and the SMTP hand-over. */
    private void claimedBy(String key, String claimId, Instant claimedAt) {
        jdbc.update("insert into ops_sent_mail (idempotency_key, recipients, template, status, claim_id, claimed_at)"
                + " values (?, ?, ?, 'SENDING', ?, ?)", key, "a@client.example", "plain-notice", claimId,
                claimedAt.atOffset(ZoneOffset.UTC));
    }

    private Map<String, Object> row(String key) {
        return jdbc.queryForMap("select status, claim_id, sent_at from ops_sent_mail where idempotency_key = ?", key);
    }

    private static Map<String, Object> decisionModel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("recipientName", "Madame Martin");
        model.put("reference", "INC-2026-0042");
        model.put("question", "Acceptez-vous le redémarrage du serveur web-01 maintenant ?");
        model.put("details", List.of("Le service PHP ne répond plus depuis 14h05.",
                "Le redémarrage interrompt le site pendant environ 2 minutes."));
        model.put("contextLines", List.of("Incident : INC-2026-0042", "Serveur : web-01.client.example"));
        model.put("pageUrl", "https://ops.progerance.example/decisions/abc.def");
        model.put("approveUrl", "https://ops.progerance.example/decisions/abc.def?answer=APPROVE");
        model.put("declineUrl", "https://ops.progerance.example/decisions/abc.def?answer=DECLINE");
        model.put("expiresAt", "jeudi 9 avril 2026 à 10h00");
        model.put("noAnswer", "nous nous limiterons aux actions sans impact sur votre infrastructure.");
        return model;
    }

    @Test
    @DisplayName("R4.3-t3 decision-request: French subject, question, context, both links, expiry and what happens without an answer")
    void decisionRequestInFrench() throws Exception {
        mailer.send(OutgoingMail.french("incident:42:decision:1", List.of("marie.martin@client.example"),
                "decision-request", decisionModel()));

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject())
                .isEqualTo("INC-2026-0042 : Votre décision est requise avant le jeudi 9 avril 2026 à 10h00");
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("support@progerance.example");
        assertThat(from.getPersonal()).isEqualTo("Progerance Infogérance");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("marie.martin@client.example");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getHeader("Content-Language")).containsExactly("fr");

        String text = MailFixtures.text(mail);
        assertThat(text).startsWith("Bonjour Madame Martin,\n\nNous avons besoin de votre décision :")
                .contains("  Acceptez-vous le redémarrage du serveur web-01 maintenant ?")
                .contains("Le service PHP ne répond plus depuis 14h05.")
                .contains("Contexte :\n- Incident : INC-2026-0042\n- Serveur : web-01.client.example")
                .contains("Pour approuver : https://ops.progerance.example/decisions/abc.def?answer=APPROVE")
                .contains("Pour refuser : https://ops.progerance.example/decisions/abc.def?answer=DECLINE")
                .contains("Vous pouvez répondre jusqu'au jeudi 9 avril 2026 à 10h00 (heure de Paris).")
                .contains("Sans réponse de votre part d'ici là : nous nous limiterons aux actions sans impact")
                .contains("support@progerance.example")
                .doesNotContain("[(", "th:", "/*[-", "\n\n\n");
        String html = MailFixtures.html(mail);
        assertThat(html).contains("lang=\"fr\"")
                .contains("href=\"https://ops.progerance.example/decisions/abc.def?answer=APPROVE\"")
                .contains("href=\"https://ops.progerance.example/decisions/abc.def?answer=DECLINE\"")
                .contains("Acceptez-vous le redémarrage du serveur web-01 maintenant ?")
                .doesNotContain("th:");
    }

    @Test
    @DisplayName("decision-request without optional parts still reads well")
    void decisionRequestMinimal() throws Exception {
        Map<String, Object> model = decisionModel();
        model.remove("recipientName");
        model.remove("reference");
        model.remove("contextLines");
        model.put("details", List.of());
        mailer.send(OutgoingMail.french("minimal", List.of("client@client.example"), "decision-request", model));

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Votre décision est requise avant le jeudi 9 avril 2026 à 10h00");
        String text = MailFixtures.text(mail);
        assertThat(text).startsWith("Bonjour,\n").doesNotContain("Contexte", "\n\n\n");
    }

    @Test
    @DisplayName("plain-notice: subject and paragraphs from the model, values printed as they are (no HTML escaping in text)")
    void plainNotice() throws Exception {
        mailer.send(OutgoingMail.french("notice:1", List.of("ops@progerance.example", "direction@progerance.example"),
                "plain-notice", Map.of("subject", "Sauvegarde vérifiée : web-01 <OK> & restaurée",
                        "paragraphs", List.of("La restauration d'essai a réussi.", "Durée : 12 min & 3 s."))));

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Sauvegarde vérifiée : web-01 <OK> & restaurée");
        assertThat(mail.getAllRecipients()).hasSize(2);
        assertThat(mail.isMimeType("text/plain")).isTrue();
        assertThat(MailFixtures.text(mail).strip() + "\n").isEqualTo("""
                Bonjour,

                La restauration d'essai a réussi.

                Durée : 12 min & 3 s.

                --
                Progerance Infogérance
                support@progerance.example
                """);
    }

    @Test
    @DisplayName("A subject value with line breaks stays one line (no header injection)")
    void subjectIsOneLine() throws Exception {
        mailer.send(OutgoingMail.french("inject", List.of("a@client.example"), "plain-notice",
                Map.of("subject", "Bonjour\r\nBcc: victim@evil.example", "paragraphs", List.of("x"))));

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Bonjour Bcc: victim@evil.example");
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getAllRecipients()).hasSize(1);
    }

    @Test
    @DisplayName("Idempotent: the same key twice sends one mail and keeps one record without the body")
    void sameKeyOnce() throws Exception {
        OutgoingMail mail = OutgoingMail.french("incident:42:decision:1", List.of("marie.martin@client.example"),
                "decision-request", decisionModel());
        mailer.send(mail);
        mailer.send(mail);

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(mailer.alreadySent("incident:42:decision:1")).isTrue();
        Map<String, Object> row = jdbc.queryForMap("select * from ops_sent_mail");
        assertThat(row).containsEntry("IDEMPOTENCY_KEY", "incident:42:decision:1")
                .containsEntry("RECIPIENTS", "marie.martin@client.example")
                .containsEntry("TEMPLATE", "decision-request");
        assertThat(jdbc.queryForObject("select sent_at from ops_sent_mail", java.time.OffsetDateTime.class).toInstant())
                .isEqualTo(MailFixtures.CLOCK.instant());
        assertThat(row.values()).noneMatch(v -> String.valueOf(v).contains("decisions/abc.def"));
    }

    @Test
    @DisplayName("Idempotent under concurrency: eight threads with one key send one mail")
    void sameKeyConcurrently() throws Exception {
        OutgoingMail mail = OutgoingMail.french("race", List.of("a@client.example"), "plain-notice",
                Map.of("subject", "Course", "paragraphs", List.of("Une seule fois.")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> senders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                senders.add(() -> {
                    mailer.send(mail);
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(senders, 30, TimeUnit.SECONDS)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from ops_sent_mail", Integer.class)).isEqualTo(1);
    }

    @Test
    @DisplayName("SMTP down: MailDeliveryException, no record, and the retry sends once SMTP is back")
    void smtpDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OutgoingMail mail = OutgoingMail.french("down:1", List.of("a@client.example"), "plain-notice",
                Map.of("subject", "Test", "paragraphs", List.of("Corps.")));

        assertThatThrownBy(() -> mailer(closedPort).send(mail)).isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("down:1");
        assertThat(jdbc.queryForObject("select count(*) from ops_sent_mail", Integer.class)).isZero();

        mailer.send(mail);
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(mailer.alreadySent("down:1")).isTrue();
    }

    @Test
    @DisplayName("A claim whose sender died (older than ops.mail.claim-timeout) is taken over: sent once, recorded sent")
    void staleClaimIsTakenOver() {
        claimedBy("crashed:1", "sender-that-died", MailFixtures.CLOCK.instant().minus(Duration.ofMinutes(6)));
        assertThat(mailer.alreadySent("crashed:1")).isFalse();

        mailer.send(notice("crashed:1"));

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(row("crashed:1")).containsEntry("STATUS", "SENT").doesNotContainEntry("CLAIM_ID", "sender-that-died");
        assertThat(mailer.alreadySent("crashed:1")).isTrue();
        mailer.send(notice("crashed:1"));
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    @DisplayName("A live claim of another sender is waited for, not sent over: MailDeliveryException after ops.mail.claim-wait, "
            + "and once the claim is stale the retry sends")
    void liveClaimIsNotSentOver() {
        claimedBy("busy:1", "live-sender", MailFixtures.CLOCK.instant().minus(Duration.ofMinutes(4)));
        MailSettings settings = new MailSettings();
        settings.setClaimWait(Duration.ofMillis(300));
        Mailer waiting = mailer(SMTP.getSmtp().getPort(), settings, MailFixtures.CLOCK, database);

        assertThatThrownBy(() -> waiting.send(notice("busy:1"))).isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("busy:1").hasMessageContaining("another sender");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(row("busy:1")).containsEntry("STATUS", "SENDING").containsEntry("CLAIM_ID", "live-sender");

        Mailer later = mailer(SMTP.getSmtp().getPort(), settings,
                Clock.offset(MailFixtures.CLOCK, Duration.ofMinutes(1).plusSeconds(1)), database);
        later.send(notice("busy:1"));
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(row("busy:1")).containsEntry("STATUS", "SENT");
    }

    @Test
    @DisplayName("Concurrent senders of one key and a slow SMTP server: one SMTP conversation, one mail; the others wait and return")
    void concurrentSendersWaitForTheSlowOne() throws Exception {
        try (SlowSmtpServer slow = new SlowSmtpServer(Duration.ofMillis(300))) {
            Mailer toSlow = mailer(slow.port());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Void>> senders = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    senders.add(() -> {
                        toSlow.send(notice("slow-race"));
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(senders, 30, TimeUnit.SECONDS)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(slow.subjects()).containsExactly("slow-race");
            assertThat(slow.conversations()).isEqualTo(1);
            assertThat(row("slow-race")).containsEntry("STATUS", "SENT");
        }
    }

    @Test
    @DisplayName("The claim holder's SMTP fails: its claim is released, the waiting sender sends, and the failed job's retry sends nothing more")
    void failedHolderReleasesItsClaim() throws Exception {
        try (SlowSmtpServer slow = new SlowSmtpServer(Duration.ofMillis(400))) {
            slow.failNext(1);
            Mailer toSlow = mailer(slow.port());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> first = pool.submit(() -> toSlow.send(notice("released:1")));
                await().atMost(Duration.ofSeconds(10)).until(() -> slow.openConversations() == 1);
                assertThat(row("released:1")).containsEntry("STATUS", "SENDING");
                Future<?> second = pool.submit(() -> toSlow.send(notice("released:1")));

                assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(MailDeliveryException.class).hasMessageContaining("released:1");
                second.get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertThat(slow.refusals()).isEqualTo(1);
            assertThat(slow.subjects()).containsExactly("released:1");
            toSlow.send(notice("released:1")); // the first job's retry
            assertThat(slow.subjects()).containsExactly("released:1");
            assertThat(row("released:1")).containsEntry("STATUS", "SENT");
        }
    }

    @Test
    @DisplayName("While SMTP talks the mailer holds no database connection: the caller's transaction keeps its one, nothing more")
    void noConnectionHeldDuringSmtp() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:notify-pool-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config);
                SlowSmtpServer slow = new SlowSmtpServer(Duration.ofMillis(300))) {
            MailFixtures.migrate(pool);
            List<Integer> inUseDuringSmtp = new CopyOnWriteArrayList<>();
            slow.onEveryDelay(() -> inUseDuringSmtp.add(pool.getHikariPoolMXBean().getActiveConnections()));
            Mailer pooled = mailer(slow.port(), new MailSettings(), MailFixtures.CLOCK, pool);
            DataSourceTransactionManager tm = new DataSourceTransactionManager(pool);

            // Like a job: the caller's transaction holds a connection, then sends.
            new TransactionTemplate(tm).executeWithoutResult(status -> {
                new JdbcTemplate(pool).queryForObject("select count(*) from ops_sent_mail", Integer.class);
                pooled.send(notice("pool:1"));
            });

            assertThat(slow.subjects()).containsExactly("pool:1");
            // Two delays (before 354 and before the 250 accepting the data), each with only the caller's connection.
            assertThat(inUseDuringSmtp).containsExactly(1, 1);
            assertThat(pooled.alreadySent("pool:1")).isTrue();
        }
    }

    @Test
    @DisplayName("No SMTP configured: MailDeliveryException (the job retries), nothing recorded")
    void noSmtpConfigured() {
        Mailer unconfigured = new Mailer(() -> null, new MailTemplates(), database,
                new DataSourceTransactionManager(database), new MailSettings(), MailFixtures.CLOCK);
        assertThatThrownBy(() -> unconfigured.send(OutgoingMail.french("k", List.of("a@client.example"), "plain-notice",
                Map.of("subject", "s", "paragraphs", List.of())))).isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("spring.mail.host");
        assertThat(unconfigured.alreadySent("k")).isFalse();
    }

    @Test
    @DisplayName("Unknown template or bad recipient: IllegalArgumentException before anything is recorded or sent")
    void programmingErrors() {
        assertThatThrownBy(() -> mailer.send(OutgoingMail.french("t1", List.of("a@client.example"), "no-such-template",
                Map.of()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-template");
        assertThatThrownBy(() -> mailer.send(OutgoingMail.french("t2", List.of("a@client.example"), "../secret",
                Map.of()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailer.send(OutgoingMail.french("t3", List.of("not an address"), "plain-notice",
                Map.of("subject", "s")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Recipient #1 is not a valid mail address");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from ops_sent_mail", Integer.class)).isZero();
    }

    @Test
    @DisplayName("Another language without its own template falls back to French")
    void englishFallsBackToFrench() throws Exception {
        mailer.send(new OutgoingMail("en:1", List.of("a@client.example"), "plain-notice", Locale.ENGLISH,
                Map.of("subject", "Avis", "paragraphs", List.of("Texte."))));
        assertThat(MailFixtures.text(SMTP.getReceivedMessages()[0])).startsWith("Bonjour,");
    }
}
