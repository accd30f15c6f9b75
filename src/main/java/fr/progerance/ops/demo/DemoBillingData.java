package fr.progerance.ops.demo;

import fr.progerance.ops.billing.InvoiceIssuer;
import fr.progerance.ops.billing.ledger.InvoiceRepository;
import fr.progerance.ops.billing.ledger.NewPayment;
import fr.progerance.ops.billing.ledger.PaymentRecorder;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ContractStatus;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A few demo invoices (profile {@code demo}), once the demo register is there and while no invoice
 * exists, issued and paid through the billing services (so every rule applies): Maison Lavande's
 * invoice of this month, paid; Atelier Cévenol's of this month, open (overdue from the 16th);
 * Librairie des Quais's of last month, unpaid and overdue (R7.3), so its dunning runs.
 */
@Component
@Profile("demo")
public class DemoBillingData {

    private static final Logger LOG = LoggerFactory.getLogger(DemoBillingData.class);

    private final ContractRepository contracts;
    private final InvoiceRepository invoices;
    private final InvoiceIssuer issuer;
    private final PaymentRecorder payments;
    private final ContractClock clock;

    public DemoBillingData(ContractRepository contracts, InvoiceRepository invoices, InvoiceIssuer issuer,
            PaymentRecorder payments, ContractClock clock) {
        this.contracts = contracts;
        this.invoices = invoices;
        this.issuer = issuer;
        this.payments = payments;
        this.clock = clock;
    }

    /** After the application runners (the demo register is loaded by then). */
    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        if (invoices.count() > 0) {
            LOG.info("Invoices exist: demo invoices left as they are");
            return;
        }
        LocalDate thisMonth = clock.monthStart(clock.today());
        LocalDate lastMonth = clock.previousMonthStart(thisMonth);
        try {
            issue("PG-2025-0001", thisMonth).ifPresent(number -> {
                var invoice = invoices.findByNumber(number).orElseThrow();
                payments.record(new NewPayment(number, invoice.getTotalInclTax(), clock.today(), "VIR SEPA LAVANDE",
                        PaymentSource.API, number + ":VIR SEPA LAVANDE", "demo"));
            });
            issue("PG-2025-0002", thisMonth);
            issue("PG-2025-0004", lastMonth);
            LOG.info("Demo invoices issued: {} ({} and {})", invoices.count(), lastMonth, thisMonth);
        } catch (RuntimeException e) {
            LOG.warn("Demo invoices not issued: {}", e.toString());
        }
    }

    private Optional<String> issue(String reference, LocalDate month) {
        Optional<Contract> contract = contracts.findByReference(reference)
                .filter(c -> c.getStatus() == ContractStatus.ACTIVE);
        return contract.map(c -> issuer.issue(c.getId(), month).invoiceNumber());
    }
}
