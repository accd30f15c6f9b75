package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.billing.BillingCaller;
import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Availability and penalties (R4.4-p, R4.4-t, R4.4-c, R5.2, R4.0-a): the penalty of a given
 * availability, the monthly report, and the outages managers may reclassify before the month's
 * penalties are issued. Every parameter is read as text and checked here, so bad input answers 400
 * naming the field.
 */
@RestController
@RequestMapping("/api/availability")
public class AvailabilityController {

    private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,6})?");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,7}(\\.[0-9]{1,2})?");
    private static final BigDecimal MAX_FEE = new BigDecimal("1000000.00");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final AvailabilityReports reports;
    private final OutageLedger ledger;
    private final AvailabilitySettings settings;
    private final ContractClock clock;
    private final BillingCaller caller;
    private final AvailabilityMetrics metrics;

    public AvailabilityController(AvailabilityReports reports, OutageLedger ledger, AvailabilitySettings settings,
            ContractClock clock, BillingCaller caller, AvailabilityMetrics metrics) {
        this.reports = reports;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
        this.caller = caller;
        this.metrics = metrics;
    }

    /** The penalty answer: the tier's percent and the credit note, text with two decimals. */
    public record PenaltyView(int penaltyPercent, String creditNote) {
    }

    /** A row of the report; amounts are text with two decimals. */
    public record ReportRowView(long contractId, String contractReference, Infrastructure infrastructure, int servers,
            BigDecimal availabilityPercent, long minutesInMonth, BigDecimal excludedMinutes,
            BigDecimal unavailableMinutes, BigDecimal targetPercent, int penaltyPercent, String monthlyFee,
            String paidForMonth, String creditNote) {

        static ReportRowView of(AvailabilityReports.Row r) {
            return new ReportRowView(r.contractId(), r.contractReference(), r.infrastructure(), r.servers(),
                    r.availabilityPercent(), r.minutesInMonth(), r.excludedMinutes(), r.unavailableMinutes(),
                    r.targetPercent(), r.penaltyPercent(), money(r.monthlyFee()), money(r.paidForMonth()),
                    money(r.creditNote()));
        }
    }

    /** An outage as managers review it. */
    public record OutageRowView(long id, long serverId, long contractId, OffsetDateTime start, OffsetDateTime end,
            String cause, String incidentNumber, CauseCategory causeCategory,
            CauseCategory.Responsibility responsibility) {

        static OutageRowView of(OutageView o, ContractClock clock) {
            return new OutageRowView(o.id(), o.serverId(), o.contractId(), clock.atZone(o.start()),
                    o.end() == null ? null : clock.atZone(o.end()), o.cause(), o.incidentNumber(), o.causeCategory(),
                    o.responsibility());
        }
    }

    /** The body of a reclassification. */
    public record OutageClassification(@NotNull CauseCategory causeCategory,
            @NotBlank @Size(max = Outage.MAX_NOTE) @PlainText(multiLine = true) String note) {
    }

    /**
     * R4.4-p, R4.4-t: {@code {"penaltyPercent": n, "creditNote": "0.00"}}; 400 for a missing or garbled
     * parameter, a percent outside 0..100 or a negative fee. The credit note here is the fee's percent
     * (the R5.2 cap needs the month's payments: the report applies it).
     */
    @GetMapping("/penalty")
    public PenaltyView penalty(@RequestParam(required = false) String infrastructure,
            @RequestParam(required = false) String availabilityPercent,
            @RequestParam(required = false) String monthlyFee) {
        List<FieldProblem> problems = new ArrayList<>();
        Infrastructure infra = null;
        if (infrastructure == null || infrastructure.isEmpty()) {
            problems.add(new FieldProblem("infrastructure", "is required (PROGERANCE or TIERCE)"));
        } else if (!infrastructure.equals("PROGERANCE") && !infrastructure.equals("TIERCE")) {
            problems.add(new FieldProblem("infrastructure", "must be PROGERANCE or TIERCE"));
        } else {
            infra = Infrastructure.valueOf(infrastructure);
        }
        BigDecimal percent = decimal(problems, "availabilityPercent", availabilityPercent, PERCENT,
                "a percent between 0 and 100 with at most 6 decimals, e.g. 99.85");
        if (percent != null && percent.compareTo(HUNDRED) > 0) {
            problems.add(new FieldProblem("availabilityPercent", "must be between 0 and 100"));
        }
        BigDecimal fee = decimal(problems, "monthlyFee", monthlyFee, AMOUNT,
                "an amount of 0 or more with at most 2 decimals, e.g. 450.00");
        if (fee != null && fee.compareTo(MAX_FEE) > 0) {
            problems.add(new FieldProblem("monthlyFee", "must be at most 1000000.00"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int tier = new PenaltyTiers(settings).penaltyPercent(infra, percent);
        return new PenaltyView(tier, money(PenaltyTiers.creditNote(fee, tier)));
    }

    /** R4.4-p, R4.4-t, R4.4-c: one row per contract (and infrastructure kind); 400 for a bad month. */
    @GetMapping("/report")
    public List<ReportRowView> report(@RequestParam(required = false) String month) {
        return reports.report(month(month)).stream().map(ReportRowView::of).toList();
    }

    /** The outages overlapping a month, with their classification; 400 for a bad month. */
    @GetMapping("/outages")
    public List<OutageRowView> outages(@RequestParam(required = false) String month) {
        AvailabilityMonth m = month(month);
        return ledger.overlapping(m.start(), m.end()).stream().map(o -> OutageRowView.of(o, clock)).toList();
    }

    /** Managers reclassify an outage (cause and note); 400 naming the field, 403 for others, 404 unknown. */
    @PutMapping(path = "/outages/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public OutageRowView classify(@PathVariable("id") long id, @Valid @RequestBody OutageClassification body) {
        String manager = caller.manager("classify outages (R4.4-t, R4.0-a)");
        OutageView view = ledger.classify(id, body.causeCategory(), body.note(), manager);
        metrics.refresh();
        return OutageRowView.of(view, clock);
    }

    private AvailabilityMonth month(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException("month", "is required (YYYY-MM)");
        }
        try {
            AvailabilityMonth m = AvailabilityMonth.parse(text, clock.zone());
            if (m.month().getYear() < 2000 || m.month().getYear() > 2199) {
                throw new InvalidInputException("month", "must lie in 2000-01..2199-12");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("month", "must be YYYY-MM, e.g. 2026-03");
        }
    }

    private static BigDecimal decimal(List<FieldProblem> problems, String field, String text, Pattern pattern,
            String what) {
        if (text == null || text.isEmpty()) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        if (!pattern.matcher(text).matches()) {
            problems.add(new FieldProblem(field, "must be " + what));
            return null;
        }
        return new BigDecimal(text);
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
