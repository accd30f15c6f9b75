package fr.progerance.ops.quote;

import java.util.Locale;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Quote numbers for the client, {@code <prefix><year>-<0001>} ({@code ops.quote.number-prefix}),
 * as invoices have theirs. The year's counter row ({@code ops_quote_sequence}) is incremented by an
 * {@code UPDATE} that locks it until the caller's transaction ends: the completion of
 * Task_PrepareQuote, which writes the number on the quote record. A completion that rolls back
 * gives its number back; once committed, the number stays on its record and every mail uses that
 * one. The only gap: a prepared quote whose process an administrator cancels before it is sent.
 */
@Component
public class QuoteNumbers {

    private final JdbcTemplate jdbc;
    private final QuoteSettings settings;
    private final TransactionTemplate ownTransaction;

    public QuoteNumbers(JdbcTemplate jdbc, QuoteSettings settings, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** {@code D2026-0042}: the prefix, the year, a hyphen and the number on at least 4 digits. */
    public static String format(String prefix, int year, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("Quote numbers start at 1, not " + number);
        }
        return String.format(Locale.ROOT, "%s%04d-%04d", prefix, year, number);
    }

    /** The next number of {@code year}, taken in the caller's transaction (which must write it on its quote). */
    @Transactional(propagation = Propagation.MANDATORY)
    public String next(int year) {
        if (increment(year) == 0) {
            createYear(year);
            if (increment(year) == 0) {
                throw new IllegalStateException("No quote counter for " + year);
            }
        }
        Integer last = jdbc.queryForObject("select last_number from ops_quote_sequence where quote_year = ?",
                Integer.class, year);
        return format(settings.getNumberPrefix(), year, last);
    }

    private int increment(int year) {
        return jdbc.update("update ops_quote_sequence set last_number = last_number + 1 where quote_year = ?", year);
    }

    private void createYear(int year) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "insert into ops_quote_sequence (quote_year, last_number) values (?, 0)", year));
        } catch (DataIntegrityViolationException createdMeanwhile) {
            // Another transaction created the year's counter first: it is the one incremented.
        }
    }
}
