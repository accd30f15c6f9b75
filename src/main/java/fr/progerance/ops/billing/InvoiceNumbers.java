package fr.progerance.ops.billing;

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
 * Gapless invoice numbers {@code <prefix><year>-<000001>} ({@code ops.billing.invoicing.number-prefix}).
 * The year's counter row ({@code ops_invoice_sequence}) is incremented by an {@code UPDATE}, which
 * locks it until the caller's transaction ends: the transaction that inserts the invoice. Concurrent
 * issuers wait for each other; a transaction that rolls back gives its number back, so the numbers
 * of committed invoices are 1, 2, 3... without gaps or duplicates. A year's row is created, at its
 * first invoice, in a transaction of its own (a concurrent creation is no error).
 */
@Component
public class InvoiceNumbers {

    private final JdbcTemplate jdbc;
    private final BillingSettings settings;
    private final TransactionTemplate ownTransaction;

    public InvoiceNumbers(JdbcTemplate jdbc, BillingSettings settings, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** {@code F2026-000042}: the prefix, the year, a hyphen and the number on at least 6 digits. */
    public static String format(String prefix, int year, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("Invoice numbers start at 1, not " + number);
        }
        return String.format(Locale.ROOT, "%s%04d-%06d", prefix, year, number);
    }

    /**
     * The next number of {@code year}, taken in the caller's transaction (which must exist and must
     * insert the invoice).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String next(int year) {
        if (increment(year) == 0) {
            createYear(year);
            if (increment(year) == 0) {
                throw new IllegalStateException("No invoice counter for " + year);
            }
        }
        Integer last = jdbc.queryForObject("select last_number from ops_invoice_sequence where invoice_year = ?",
                Integer.class, year);
        return format(settings.getInvoicing().getNumberPrefix(), year, last);
    }

    private int increment(int year) {
        return jdbc.update("update ops_invoice_sequence set last_number = last_number + 1 where invoice_year = ?", year);
    }

    private void createYear(int year) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "insert into ops_invoice_sequence (invoice_year, last_number) values (?, 0)", year));
        } catch (DataIntegrityViolationException createdMeanwhile) {
            // Another transaction created the year's counter first: it is the one incremented.
        }
    }
}
