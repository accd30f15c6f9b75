package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.calendar.ContractClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the availability dashboard shows (R4.4-p, R4.4-t, R4.4-c), for the current Europe/Paris month
 * so far (the rest of the month counted as available, so the penalty ahead is a floor):
 * {@code ops_availability_percent}, {@code ops_availability_target_percent},
 * {@code ops_availability_penalty_percent} and {@code ops_availability_penalty_ahead_euros} per
 * contract and infrastructure ({@link MultiGauge}, refreshed on a schedule and on demand:
 * {@link #refresh()}), the total {@code ops_availability_penalties_ahead_euros} (0 at start) and the
 * counter {@code ops_availability_credit_notes_total} (credit notes committed).
 */
@Component
public class AvailabilityMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityMetrics.class);

    private final ObjectProvider<AvailabilityReports> reports;
    private final ContractClock clock;
    private final MultiGauge percent;
    private final MultiGauge target;
    private final MultiGauge penaltyPercent;
    private final MultiGauge penaltyAhead;
    private final Counter creditNotes;
    private final AtomicReference<Double> totalAhead = new AtomicReference<>(0.0);
    private volatile boolean empty = true;

    public AvailabilityMetrics(MeterRegistry registry, ObjectProvider<AvailabilityReports> reports,
            ContractClock clock) {
        this.reports = reports;
        this.clock = clock;
        this.percent = MultiGauge.builder("ops.availability.percent")
                .description("Availability of the contract this month so far, percent (R4.4-p, R4.4-t)")
                .baseUnit("percent").register(registry);
        this.target = MultiGauge.builder("ops.availability.target.percent")
                .description("The contract's availability target, percent (99.9 PROGERANCE, 99.5 TIERCE)")
                .baseUnit("percent").register(registry);
        this.penaltyPercent = MultiGauge.builder("ops.availability.penalty.percent")
                .description("Penalty tier reached this month so far, percent of the monthly fee (R4.4-p, R4.4-t)")
                .baseUnit("percent").register(registry);
        this.penaltyAhead = MultiGauge.builder("ops.availability.penalty.ahead")
                .description("Credit note owed for this month so far, euros excluding tax (R4.4-c, R5.2)")
                .baseUnit("euros").register(registry);
        Gauge.builder("ops.availability.penalties.ahead", totalAhead, AtomicReference::get).baseUnit("euros")
                .description("Credit notes owed for this month so far, all contracts, euros excluding tax")
                .register(registry);
        this.creditNotes = Counter.builder("ops.availability.credit.notes")
                .description("Availability penalty credit notes issued (R4.4-c)").register(registry);
    }

    /** Whether the last refresh found no contract to measure (the housekeeping then looks again sooner). */
    public boolean empty() {
        return empty;
    }

    /** Recomputes this month's gauges from the records. */
    public void refresh() {
        try {
            List<AvailabilityReports.Row> rows = reports.getObject()
                    .report(AvailabilityMonth.containing(clock.instant(), clock.zone()));
            percent.register(rows.stream().map(r -> MultiGauge.Row.of(tags(r), r.availabilityPercent().doubleValue()))
                    .toList(), true);
            target.register(rows.stream().map(r -> MultiGauge.Row.of(tags(r), r.targetPercent().doubleValue()))
                    .toList(), true);
            penaltyPercent.register(rows.stream().map(r -> MultiGauge.Row.of(tags(r), r.penaltyPercent())).toList(),
                    true);
            penaltyAhead.register(rows.stream().map(r -> MultiGauge.Row.of(tags(r), r.creditNote().doubleValue()))
                    .toList(), true);
            empty = rows.isEmpty();
            totalAhead.set(rows.stream().map(AvailabilityReports.Row::creditNote).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .doubleValue());
        } catch (RuntimeException e) {
            LOG.warn("Availability gauges not refreshed: {}", e.toString());
        }
    }

    /** Counts one committed credit note. */
    void creditNoteIssued() {
        creditNotes.increment();
    }

    private static Tags tags(AvailabilityReports.Row r) {
        return Tags.of("contract", r.contractReference(), "infrastructure", r.infrastructure().name());
    }
}
