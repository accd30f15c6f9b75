package fr.progerance.ops.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Table {@code ops_sent_mail}: one row per idempotency key of a mail handed to the SMTP server.
 * Holds the key, the recipients, the template and the time; never the body (it may carry links
 * with tokens). The primary key on {@code idempotency_key} is the guard against a second send.
 */
class SentMailLog {

    static final int MAX_RECIPIENTS_LENGTH = 2000;

    private final JdbcTemplate jdbc;

    SentMailLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    boolean contains(String key) {
        Integer n = jdbc.queryForObject("select count(*) from ops_sent_mail where idempotency_key = ?", Integer.class, key);
        return n != null && n > 0;
    }

    /**
     * Inserts the record; a concurrent or earlier insert of the same key fails with
     * {@link org.springframework.dao.DuplicateKeyException}.
     */
    void insert(String key, List<String> recipients, String template, Instant sentAt) {
        String to = String.join(", ", recipients);
        if (to.length() > MAX_RECIPIENTS_LENGTH) {
            to = to.substring(0, MAX_RECIPIENTS_LENGTH - 3) + "...";
        }
        jdbc.update("insert into ops_sent_mail (idempotency_key, recipients, template, sent_at) values (?, ?, ?, ?)",
                key, to, template, sentAt.atOffset(ZoneOffset.UTC));
    }
}
