package fr.progerance.ops.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Table {@code ops_sent_mail}: one row per idempotency key, first a claim ({@code SENDING}: the
 * claim's id and time) while the mail is handed to the SMTP server, then {@code SENT} (with the
 * time) once the server accepted it. Holds the key, the recipients and the template; never the
 * body (it may carry links with tokens). The primary key on {@code idempotency_key} makes a claim
 * exclusive. Every method runs in the caller's transaction: {@link Mailer} gives each one its own
 * short transaction.
 */
class SentMailLog {

    static final int MAX_RECIPIENTS_LENGTH = 2000;

    static final String SENDING = "SENDING";
    static final String SENT = "SENT";

    /** What {@link #claim} found. */
    enum Claim {
        /** No row: the caller now holds a fresh claim and sends. */
        CLAIMED,
        /** A claim older than the stale limit (its sender died): the caller now holds it and sends. */
        TAKEN_OVER,
        /** Already sent: the caller sends nothing. */
        ALREADY_SENT,
        /** Another sender holds a live claim: the caller neither sends nor records anything. */
        IN_PROGRESS
    }

    private final JdbcTemplate jdbc;

    SentMailLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Whether the mail of that key was handed to the SMTP server (a claim alone does not count). */
    boolean isSent(String key) {
        Integer n = jdbc.queryForObject("select count(*) from ops_sent_mail where idempotency_key = ? and status = ?",
                Integer.class, key, SENT);
        return n != null && n > 0;
    }

    /**
     * Claims {@code key} for {@code claimId}: inserts a SENDING row, or takes over a SENDING row
     * claimed before {@code staleBefore}. A concurrent insert of the same key fails with
     * {@link org.springframework.dao.DuplicateKeyException} (the other sender holds the claim).
     */
    Claim claim(String key, List<String> recipients, String template, String claimId, Instant now, Instant staleBefore) {
        List<Row> rows = jdbc.query("select status, claim_id, claimed_at from ops_sent_mail where idempotency_key = ?",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)), key);
        if (rows.isEmpty()) {
            jdbc.update("insert into ops_sent_mail (idempotency_key, recipients, template, status, claim_id, claimed_at)"
                    + " values (?, ?, ?, ?, ?, ?)", key, recipients(recipients), template, SENDING, claimId, utc(now));
            return Claim.CLAIMED;
        }
        Row row = rows.get(0);
        if (SENT.equals(row.status())) {
            return Claim.ALREADY_SENT;
        }
        if (row.claimedAt().toInstant().isBefore(staleBefore)) {
            // Conditional on the claim we saw: of two senders taking over at once, one wins.
            int taken = jdbc.update("update ops_sent_mail set claim_id = ?, claimed_at = ?, recipients = ?, template = ?"
                    + " where idempotency_key = ? and status = ? and claim_id = ?",
                    claimId, utc(now), recipients(recipients), template, key, SENDING, row.claimId());
            return taken == 1 ? Claim.TAKEN_OVER : Claim.IN_PROGRESS;
        }
        return Claim.IN_PROGRESS;
    }

    /** Marks the claim {@code claimId} SENT; false when that claim no longer exists (taken over or gone). */
    boolean markSent(String key, String claimId, Instant sentAt) {
        return jdbc.update("update ops_sent_mail set status = ?, sent_at = ? where idempotency_key = ? and status = ?"
                + " and claim_id = ?", SENT, utc(sentAt), key, SENDING, claimId) == 1;
    }

    /**
     * Records {@code key} as SENT whoever holds its claim, or inserts it SENT when no row is left:
     * for a sender whose claim was taken over while its mail went out anyway.
     */
    void recordSent(String key, List<String> recipients, String template, String claimId, Instant sentAt) {
        int updated = jdbc.update("update ops_sent_mail set status = ?, sent_at = ? where idempotency_key = ?"
                + " and status = ?", SENT, utc(sentAt), key, SENDING);
        if (updated == 0 && !isSent(key)) {
            jdbc.update("insert into ops_sent_mail (idempotency_key, recipients, template, status, claim_id, claimed_at,"
                    + " sent_at) values (?, ?, ?, ?, ?, ?, ?)", key, recipients(recipients), template, SENT, claimId,
                    utc(sentAt), utc(sentAt));
        }
    }

    /** Deletes the claim {@code claimId} if it is still SENDING; false when there was nothing to delete. */
    boolean release(String key, String claimId) {
        return jdbc.update("delete from ops_sent_mail where idempotency_key = ? and status = ? and claim_id = ?",
                key, SENDING, claimId) == 1;
    }

    private static String recipients(List<String> recipients) {
        String to = String.join(", ", recipients);
        if (to.length() > MAX_RECIPIENTS_LENGTH) {
            to = to.substring(0, MAX_RECIPIENTS_LENGTH - 3) + "...";
        }
        return to;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Row(String status, String claimId, OffsetDateTime claimedAt) {
    }
}
