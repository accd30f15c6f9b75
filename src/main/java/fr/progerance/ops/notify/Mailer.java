package fr.progerance.ops.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * idempotency key, without holding a database connection while the SMTP server talks.
 *
 * <p><b>Idempotency.</b> Jobs run at least once, so {@link #send} keeps one row per key in
 * {@code ops_sent_mail} and goes through three steps, each database step in its own short new
 * transaction:
 * <ol>
 * <li><em>Claim</em> the key: no row yet, insert it {@code SENDING} with a fresh claim id and the
 * time, and commit (the primary key makes the claim exclusive); {@code SENT}, send nothing; a
 * {@code SENDING} claim older than {@code ops.mail.claim-timeout}, its sender died: take it over;
 * a younger claim, another sender is at work: wait for it (below).
 * <li><em>Hand the message to SMTP</em>, with no transaction or connection of the mailer open.
 * <li><em>Mark it sent</em> ({@code SENT} and the time). When SMTP failed, <em>release</em> the claim
 * instead (delete it), so the job's retry sends again.
 * </ol>
 * Why not one transaction around "record, hand over, commit" (the former design): the calling job
 * already holds a pooled connection for its own transaction, and that new transaction held a second
 * one for the whole SMTP conversation; ten job threads and a slow SMTP server then needed twenty
 * connections and, with a pool of ten, waited for each other until the pool's timeout failed them
 * all. Now a job thread needs its second connection only for the milliseconds of a claim or a mark,
 * which the pool budget covers ({@code spring.datasource.hikari.maximum-pool-size}, checked at
 * start against the job executor's threads). Why not "insert SENT, commit, then send": a crash or
 * an SMTP failure after the commit would record a mail that never left (a loss); a claim instead
 * is released on failure, and a claim whose sender died goes stale and is taken over.
 *
 * <p><b>Concurrent senders</b> of one key (a second run of the same job, another node) never both
 * send: the one that finds a live claim (or loses the insert race) sends nothing and polls for up
 * to {@code ops.mail.claim-wait}. When the claim becomes {@code SENT} it returns as if it had sent;
 * when it is released (that hand-over failed) it claims and sends itself; when the claim is still
 * there it fails with {@link MailDeliveryException} and its job retries later.
 *
 * <p><b>What remains.</b> A mail goes out twice only when its sender dies (or cannot reach the
 * database) between SMTP's acceptance and the mark, or is still talking to SMTP after
 * {@code ops.mail.claim-timeout}: the claim then goes stale and the retry sends again. For
 * notifications a duplicate is the lesser evil than a loss, and no failure records a mail that did
 * not leave. The transactions are independent of the caller's, so a job that fails after the mail
 * went out does not resend it.
 *
 * <p><b>Privacy.</b> Bodies may carry links with tokens: they are neither stored nor logged. The
 * log line names the key, the template and the number of recipients.
 *
 * <p>Model entries added to every template unless the caller set them: {@code baseUrl} (setting
 * {@code ops.mail.base-url}) and {@code supportAddress} (the address of {@code ops.mail.from}).
 */
public class Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

    /** First and longest pause between two looks at another sender's claim. */
    private static final long FIRST_POLL_MILLIS = 50;
    private static final long MAX_POLL_MILLIS = 1000;

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
        Duration timeout = settings.getClaimTimeout();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ops.mail.claim-timeout must be a positive duration");
        }
        if (settings.getClaimWait() == null || settings.getClaimWait().isNegative()) {
            throw new IllegalArgumentException("ops.mail.claim-wait must be a duration of zero or more");
        }
    }

    /**
     * JavaMail waits forever by default; a hung SMTP server would then hold a job thread (and its
     * job's database connection) for good. Sets connect 10 s, read 30 s and write 30 s unless
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

    /** Whether a mail with this idempotency key was handed to the SMTP server (a pending claim does not count). */
    public boolean alreadySent(String idempotencyKey) {
        return sentMails.isSent(idempotencyKey);
    }

    /**
     * Renders and sends {@code mail} unless its key was already sent; when another sender holds the
     * key's claim, waits for it (see the class comment).
     *
     * @throws MailDeliveryException when the SMTP server refused it or could not be reached (the
     *     claim is released: a retry sends again), or another sender still held the key after
     *     {@code ops.mail.claim-wait}
     * @throws IllegalArgumentException for an unknown template or an invalid recipient address
     *     (a programming or data error; retrying does not help)
     */
    public void send(OutgoingMail mail) {
        Objects.requireNonNull(mail, "mail");
        List<InternetAddress> to = recipients(mail.to());
        // Render and build before anything is claimed: a template error must not consume the key.
        RenderedMail rendered = templates.render(mail.templateName(), mail.locale(), model(mail.model()));
        JavaMailSender smtp = sender.get();
        if (smtp == null) {
            throw new MailDeliveryException("No SMTP server configured (set spring.mail.host); mail "
                    + mail.idempotencyKey() + " not sent");
        }
        MimeMessage message = message(smtp, to, rendered, mail);
        long waitNanos = settings.getClaimWait().toNanos();
        long waitStart = System.nanoTime();
        long poll = FIRST_POLL_MILLIS;
        while (true) {
            String claimId = UUID.randomUUID().toString();
            SentMailLog.Claim claim = claim(mail, claimId);
            switch (claim) {
                case ALREADY_SENT -> {
                    LOG.info("Mail {} (template {}) already sent, not sent again", mail.idempotencyKey(), mail.templateName());
                    return;
                }
                case CLAIMED, TAKEN_OVER -> {
                    if (claim == SentMailLog.Claim.TAKEN_OVER) {
                        LOG.warn("Mail {} (template {}): took over a claim older than {} (its sender died or hung; "
                                + "if it did reach SMTP, this mail goes out twice)", mail.idempotencyKey(),
                                mail.templateName(), settings.getClaimTimeout());
                    }
                    handOver(smtp, message, mail, to.size(), claimId);
                    return;
                }
                case IN_PROGRESS -> {
                    if (System.nanoTime() - waitStart >= waitNanos) {
                        throw new MailDeliveryException("Mail " + mail.idempotencyKey() + " (template "
                                + mail.templateName() + ") is being sent by another sender since more than "
                                + settings.getClaimWait() + "; not sent here, retry later");
                    }
                    pause(poll, mail);
                    poll = Math.min(poll * 2, MAX_POLL_MILLIS);
                }
            }
        }
    }

    /** Step 1, in its own short transaction. */
    private SentMailLog.Claim claim(OutgoingMail mail, String claimId) {
        Instant now = clock.instant();
        try {
            return newTransaction.execute(status -> sentMails.claim(mail.idempotencyKey(), mail.to(),
                    mail.templateName(), claimId, now, now.minus(settings.getClaimTimeout())));
        } catch (DuplicateKeyException e) {
            return SentMailLog.Claim.IN_PROGRESS; // another thread or node claimed it meanwhile
        }
    }

    /** Steps 2 and 3: SMTP with no connection of ours held, then the mark (or the release). */
    private void handOver(JavaMailSender smtp, MimeMessage message, OutgoingMail mail, int recipients, String claimId) {
        boolean accepted = false;
        try {
            smtp.send(message);
            accepted = true;
        } catch (MailException e) {
            LOG.warn("Mail {} (template {}, {} recipient(s)) not delivered: {}", mail.idempotencyKey(),
                    mail.templateName(), recipients, e.getClass().getSimpleName());
            throw new MailDeliveryException("SMTP delivery failed for mail " + mail.idempotencyKey()
                    + " (template " + mail.templateName() + ")", e);
        } finally {
            if (!accepted) {
                release(mail, claimId);
            }
        }
        markSent(mail, claimId);
        LOG.info("Sent mail {} (template {}, {} recipient(s))", mail.idempotencyKey(), mail.templateName(), recipients);
    }

    private void markSent(OutgoingMail mail, String claimId) {
        try {
            Instant now = clock.instant();
            newTransaction.executeWithoutResult(status -> {
                if (!sentMails.markSent(mail.idempotencyKey(), claimId, now)) {
                    LOG.warn("Mail {} (template {}): its claim was taken over while it was being sent; it may go "
                            + "out twice", mail.idempotencyKey(), mail.templateName());
                    sentMails.recordSent(mail.idempotencyKey(), mail.to(), mail.templateName(), claimId, now);
                }
            });
        } catch (RuntimeException e) {
            // The mail did leave: report success. Its claim stays SENDING and goes stale, so a later
            // send of this key (a retry of a job that failed anyway) sends it a second time.
            LOG.error("Mail {} (template {}) was sent but could not be recorded as sent: {}", mail.idempotencyKey(),
                    mail.templateName(), e.toString());
        }
    }

    private void release(OutgoingMail mail, String claimId) {
        try {
            newTransaction.executeWithoutResult(status -> sentMails.release(mail.idempotencyKey(), claimId));
        } catch (RuntimeException e) {
            // Not lost: the claim goes stale after ops.mail.claim-timeout and the retry takes it over.
            LOG.warn("Mail {} (template {}): could not release its claim after the failure ({}); it is taken over "
                    + "once older than {}", mail.idempotencyKey(), mail.templateName(), e.toString(),
                    settings.getClaimTimeout());
        }
    }

    private static void pause(long millis, OutgoingMail mail) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailDeliveryException("Interrupted while mail " + mail.idempotencyKey()
                    + " was being sent by another sender; not sent here", e);
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
