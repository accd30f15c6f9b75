package fr.progerance.ops.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** A database with the notify tables (V20 and V32 only) and helpers to read received mails. */
final class MailFixtures {

    /** Monday 6 April 2026, 10:00 Paris (Easter Monday: irrelevant to mail, but a real date). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-06T08:00:00Z"), ZoneId.of("Europe/Paris"));

    private MailFixtures() {
    }

    static DataSource database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:notify-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        ds.setUser("sa");
        migrate(ds);
        return ds;
    }

    /** Creates the notify tables in {@code ds}: the migrations of {@code ops_sent_mail} and {@code ops_client_decision}. */
    static void migrate(DataSource ds) {
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V20__notify.sql"),
                new ClassPathResource("db/migration/V32__notify_mail_claims.sql")).execute(ds);
    }

    /** The first part of {@code part} with that MIME type, as text, or null. */
    static String content(Part part, String mimeType) throws MessagingException, IOException {
        return fr.progerance.ops.Mails.content(part, mimeType);
    }

    static String text(Message message) throws MessagingException, IOException {
        return fr.progerance.ops.Mails.text(message);
    }

    static String html(Message message) throws MessagingException, IOException {
        return fr.progerance.ops.Mails.html(message);
    }
}
