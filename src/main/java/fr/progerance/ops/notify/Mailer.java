package fr.progerance.ops.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the engine's mails from the templates of {@link MailTemplates}, at most once per
 * idempotency key.
 *
 * <p><b>Idempotency.</b> Jobs run at least once, so {@link #send} records the key in
 * {@code ops_sent_mail} and skips a key already recorded. The record and the SMTP hand-over happen
 * in one <em>new</em> transaction, in this order: check the key, insert the row (the primary key is
 * the guard), hand the message to SMTP, commit. Why not "insert and commit first, then send":
 * a crash or an SMTP failure between the two would leave a record for a mail that never left (a
 * lost mail, or a compensating delete that can itself fail). Here an SMTP failure rolls the insert
 * back, so the retry sends again; a concurrent sender of the same key blocks on the uncommitted
 * row and then sees the duplicate (skips) or, if the first one failed, sends itself. The one
 * remaining window, SMTP accepted but the commit failed, leads to a second mail on retry: for
 * notifications a duplicate is the lesser evil than a loss. The transaction is independent of the
 * caller's (REQUIRES_NEW), so a job that fails after the mail went out does not resend it.
 *
 * <p><b>Privacy.</b> Bodies may carry links with tokens: they are neither stored nor logged. The
 * log line names the key, the template and the number of recipients.
 *
 * <p>Model entries added to every template unless the caller set them: {@code baseUrl} (setting
 * {@code ops.mail.base-url}) and {@code supportAddress} (the address of {@code ops.mail.from}).
 */
public class Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

    private final Supplier<JavaMailSender> sender;
    private final MailTemplates templates;
    private final SentMailLog sentMails;
    private final TransactionTemplate newTransaction;
    private final MailSettings settings;
    private final Clock clock;
    private final InternetAddress from;

    /**
     * @param sender the SMTP client; the supplier may return {@code null} when no SMTP server is
     *     configured ({@code spring.mail.host} unset), then every send fails with
     *     {@link MailDeliveryException} and is retried
     */
    public Mailer(Supplier<JavaMailSender> sender, MailTemplates templates, DataSource dataSource,
            PlatformTransactionManager transactionManager, MailSettings settings, Clock clock) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.sentMails = new SentMailLog(dataSource);
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.from = sender(settings.getFrom());
    }

    /**
     * JavaMail waits forever by default; a hung SMTP server would then hold a job thread and the
     * send's database transaction. Sets connect 10 s, read 30 s and write 30 s unless
     * {@code spring.mail.properties.mail.smtp.*timeout} already say otherwise.
     */
    static void applyDefaultTimeouts(Properties properties) {
        for (String protocol : new String[] {"smtp", "smtps"}) {
            properties.putIfAbsent("mail." + protocol + ".connectiontimeout", "10000");
            properties.putIfAbsent("mail." + protocol + ".timeout", "30000");
            properties.putIfAbsent("mail." + protocol + ".writetimeout", "30000");
        }
    }

    /** The settings, for callers that address the ops or managers mailbox. */
    public MailSettings settings() {
        return settings;
    }

    /** Whether a mail with this idempotency key was already handed to the SMTP server. */
    public boolean alreadySent(String idempotencyKey) {
        return sentMails.contains(idempotencyKey);
    }

    /**
     * Renders and sends {@code mail} unless its key was already sent.
     *
     * @throws MailDeliveryException when the SMTP server refused it or could not be reached
     *     (nothing recorded: a retry sends again)
     * @throws IllegalArgumentException for an unknown template or an invalid recipient address
     *     (a programming or data error; retrying does not help)
     */
    public void send(OutgoingMail mail) {
        Objects.requireNonNull(mail, "mail");
        List<InternetAddress> to = recipients(mail.to());
        // Render before anything is recorded: a template error must not consume the key.
        RenderedMail rendered = templates.render(mail.templateName(), mail.locale(), model(mail.model()));
        JavaMailSender smtp = sender.get();
        if (smtp == null) {
            throw new MailDeliveryException("No SMTP server configured (set spring.mail.host); mail "
                    + mail.idempotencyKey() + " not sent");
        }
        Boolean sent;
        try {
            sent = newTransaction.execute(status -> {
                if (sentMails.contains(mail.idempotencyKey())) {
                    return false;
                }
                sentMails.insert(mail.idempotencyKey(), mail.to(), mail.templateName(), clock.instant());
                smtp.send(message(smtp, to, rendered, mail));
                return true;
            });
        } catch (DuplicateKeyException e) {
            sent = false; // another node or thread sent it meanwhile
        } catch (MailException e) {
            LOG.warn("Mail {} (template {}, {} recipient(s)) not delivered: {}", mail.idempotencyKey(),
                    mail.templateName(), to.size(), e.getClass().getSimpleName());
            throw new MailDeliveryException("SMTP delivery failed for mail " + mail.idempotencyKey()
                    + " (template " + mail.templateName() + ")", e);
        }
        if (Boolean.TRUE.equals(sent)) {
            LOG.info("Sent mail {} (template {}, {} recipient(s))", mail.idempotencyKey(), mail.templateName(), to.size());
        } else {
            LOG.info("Mail {} (template {}) already sent, not sent again", mail.idempotencyKey(), mail.templateName());
        }
    }

    private Map<String, Object> model(Map<String, Object> given) {
        Map<String, Object> model = new LinkedHashMap<>(given);
        model.putIfAbsent("baseUrl", settings.baseUrlWithoutSlash());
        model.putIfAbsent("supportAddress", from.getAddress());
        return model;
    }

    private MimeMessage message(JavaMailSender smtp, List<InternetAddress> to, RenderedMail rendered, OutgoingMail mail) {
        try {
            MimeMessage message = smtp.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, rendered.html() != null, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to.toArray(InternetAddress[]::new));
            helper.setSubject(rendered.subject());
            if (rendered.html() != null) {
                helper.setText(rendered.text(), rendered.html());
            } else {
                helper.setText(rendered.text());
            }
            // RFC 3834: automatic mail, so out-of-office replies do not loop back.
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("Content-Language", mail.locale().getLanguage());
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not build mail " + mail.idempotencyKey(), e);
        }
    }

    private static List<InternetAddress> recipients(List<String> addresses) {
        List<InternetAddress> result = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            try {
                InternetAddress address = new InternetAddress(Objects.requireNonNull(addresses.get(i), "recipient").trim(), true);
                address.validate();
                result.add(address);
            } catch (AddressException e) {
                // The address itself stays out of the message (it ends up in logs and job failures).
                throw new IllegalArgumentException("Recipient #" + (i + 1) + " is not a valid mail address");
            }
        }
        return result;
    }

    private static InternetAddress sender(String value) {
        try {
            InternetAddress parsed = new InternetAddress(Objects.requireNonNull(value, "ops.mail.from"), true);
            parsed.validate();
            // Re-encode the display name (it may hold accents: "Infogérance").
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), StandardCharsets.UTF_8.name());
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("ops.mail.from is not a valid address: '" + value + "'", e);
        }
    }
}
