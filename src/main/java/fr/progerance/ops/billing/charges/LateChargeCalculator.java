package fr.progerance.ops.billing.charges;

import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.calendar.CalendarDays;
import fr.progerance.ops.calendar.Semester;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * R7.5 late-payment charges, as RULES.md interprets the clause:
 * <ul>
 * <li>due date = issue date + {@code ops.billing.dunning.payment-term} (15 days, R7.3);</li>
 * <li>every day from the day after the due date to the payment date, both included, is a day late
 * (days late = payment date - due date); each bears
 * {@code unpaid principal that day x multiplier x rate of the day's semester / 100 / 365}: the
 * semester's own rate ("all other cases" column), always 365 days, leap years included;</li>
 * <li>the sum is rounded half-up to the cent once, at the end;</li>
 * <li>the recovery fee ({@code ops.billing.charges.recovery-fee}, 40 EUR) once when any day is late.</li>
 * </ul>
 * Partial payments: a payment made on day {@code d} still counts as unpaid on day {@code d} (that
 * day is a day late for it, exactly as a full payment on {@code d} is {@code d - due} days late)
 * and bears no interest from {@code d + 1} on. A payment on or before the due date removes its part
 * before any interest. A day late whose semester has no rate throws
 * {@link MissingLegalRateException}: never a silent zero.
 */
@Component
public class LateChargeCalculator implements LateCharges {

    private static final BigDecimal DAYS_TIMES_PERCENT = new BigDecimal(365 * 100);

    private final BillingSettings settings;
    private final LegalRates rates;

    public LateChargeCalculator(BillingSettings settings, LegalRates rates) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rates = Objects.requireNonNull(rates, "rates");
    }

    /** R7.3: the due date of an invoice issued on {@code issuedOn}. */
    public LocalDate dueDate(LocalDate issuedOn) {
        return CalendarDays.plus(issuedOn, settings.getDunning().getPaymentTerm());
    }

    @Override
    public LateCharge compute(BigDecimal amount, LocalDate issuedOn, LocalDate paidOn) {
        Objects.requireNonNull(paidOn, "paidOn");
        requireValid(amount, "amount");
        return compute(amount, issuedOn, List.of(new Settlement(paidOn, amount)), paidOn);
    }

    @Override
    public LateCharge compute(BigDecimal amount, LocalDate issuedOn, List<Settlement> settlements, LocalDate asOf) {
        requireValid(amount, "amount");
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(settlements, "settlements");
        Objects.requireNonNull(asOf, "asOf");
        if (asOf.isBefore(issuedOn)) {
            throw new IllegalArgumentException("asOf " + asOf + " is before the issue " + issuedOn);
        }
        for (Settlement s : settlements) {
            Objects.requireNonNull(s, "settlement");
            Objects.requireNonNull(s.on(), "settlement date");
            requireValid(s.amount(), "settlement amount");
            if (s.on().isBefore(issuedOn)) {
                throw new IllegalArgumentException("A payment on " + s.on() + " is before the issue " + issuedOn);
            }
        }
        List<Settlement> ordered = settlements.stream().filter(s -> !s.on().isAfter(asOf))
                .sorted(Comparator.comparing(Settlement::on)).toList();
        LocalDate due = dueDate(issuedOn);
        BigDecimal multiplier = settings.getCharges().getInterestMultiplier();

        // Principal still unpaid at the start of the first day late: payments up to the due date count in full.
        BigDecimal unpaid = amount;
        int next = 0;
        while (next < ordered.size() && !ordered.get(next).on().isAfter(due)) {
            unpaid = unpaid.subtract(ordered.get(next).amount());
            next++;
        }
        BigDecimal principalTimesRate = BigDecimal.ZERO; // sum over the days late of unpaid x rate
        Map<Semester, BigDecimal> semesterRates = new HashMap<>();
        LocalDate lastDayLate = null;
        for (LocalDate day = due.plusDays(1); !day.isAfter(asOf) && unpaid.signum() > 0; day = day.plusDays(1)) {
            BigDecimal rate = semesterRates.computeIfAbsent(Semester.of(day), this::rateOf);
            principalTimesRate = principalTimesRate.add(unpaid.multiply(rate));
            lastDayLate = day;
            // A payment of this day stops its part's interest from tomorrow on.
            while (next < ordered.size() && ordered.get(next).on().equals(day)) {
                unpaid = unpaid.subtract(ordered.get(next).amount());
                next++;
            }
        }
        if (lastDayLate == null) {
            return new LateCharge(due, 0, zero(), zero());
        }
        BigDecimal interest = principalTimesRate.multiply(multiplier).divide(DAYS_TIMES_PERCENT, 2, RoundingMode.HALF_UP);
        BigDecimal fee = settings.getCharges().getRecoveryFee().setScale(2, RoundingMode.HALF_UP);
        return new LateCharge(due, CalendarDays.between(due, lastDayLate), interest, fee);
    }

    private BigDecimal rateOf(Semester semester) {
        return rates.find(semester.toString()).map(LegalRates.LegalRate::ratePercent)
                .orElseThrow(() -> new MissingLegalRateException(semester.toString()));
    }

    private static void requireValid(BigDecimal amount, String what) {
        Objects.requireNonNull(amount, what);
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + amount.toPlainString());
        }
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}
