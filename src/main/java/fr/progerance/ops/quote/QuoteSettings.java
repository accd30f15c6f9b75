package fr.progerance.ops.quote;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of quotes ({@code ops.quote.*}, documented in application.yaml; RD-extra, R3.5, R4.0-c,
 * R7.1, DESIGN rule 12). The BPMN reads the retry cycle by the bean name {@code quoteSettings};
 * dates themselves are computed by {@link QuoteCalendar} with {@code calendar/}.
 */
@Component("quoteSettings")
@ConfigurationProperties("ops.quote")
@Validated
public class QuoteSettings {

    /** The validity the preparation form proposes (ops may shorten or extend it per quote). */
    @NotNull
    private Period defaultValidity = Period.ofDays(30);

    /**
     * The due date of Task_PrepareQuote: this much business time (RC-business, Monday-Friday
     * 9h-18h except public holidays) after the request; 9 hours is one business day.
     */
    @NotNull
    private Duration preparation = Duration.ofHours(9);

    /**
     * DESIGN rule 12: the client is reminded this often while the quote is unanswered, counted from
     * the sending; never at or after the expiry. A validity shorter than this gets one reminder,
     * halfway.
     */
    @NotNull
    private Duration reminderInterval = Duration.ofDays(7);

    /** R7.1: the VAT rate the client is shown on top of the amount excluding tax (billing's, by default). */
    @NotNull
    @DecimalMin("0.00")
    @DecimalMax("0.99")
    private BigDecimal vatRate = new BigDecimal("0.20");

    /** Quote numbers are {@code <prefix><year>-<4 digits>}, without gaps within a year. */
    @NotBlank
    @Pattern(regexp = "[A-Z]{1,4}", message = "must be 1 to 4 capital letters")
    private String numberPrefix = "D";

    /** Steps that reach SMTP or the decision records retry on this schedule, then raise a Camunda incident. */
    @NotBlank
    @Pattern(regexp = "R\\d{1,2}/P(T?\\d+[DHMS])+", message = "must be an ISO 8601 repetition such as R3/PT1M")
    private String retryCycle = "R3/PT1M";

    @AssertTrue(message = "ops.quote.default-validity must be at least one day and at most a year")
    public boolean isDefaultValiditySensible() {
        return defaultValidity != null && !defaultValidity.isNegative() && !defaultValidity.isZero()
                && defaultValidity.toTotalMonths() * 31 + defaultValidity.getDays() <= 366;
    }

    @AssertTrue(message = "ops.quote.preparation and ops.quote.reminder-interval must be positive")
    public boolean isDurationsPositive() {
        return preparation != null && reminderInterval != null && !preparation.isNegative() && !preparation.isZero()
                && !reminderInterval.isNegative() && reminderInterval.compareTo(Duration.ofHours(1)) >= 0;
    }

    public Period getDefaultValidity() {
        return defaultValidity;
    }

    public void setDefaultValidity(Period defaultValidity) {
        this.defaultValidity = defaultValidity;
    }

    public Duration getPreparation() {
        return preparation;
    }

    public void setPreparation(Duration preparation) {
        this.preparation = preparation;
    }

    public Duration getReminderInterval() {
        return reminderInterval;
    }

    public void setReminderInterval(Duration reminderInterval) {
        this.reminderInterval = reminderInterval;
    }

    public BigDecimal getVatRate() {
        return vatRate;
    }

    public void setVatRate(BigDecimal vatRate) {
        this.vatRate = vatRate;
    }

    public String getNumberPrefix() {
        return numberPrefix;
    }

    public void setNumberPrefix(String numberPrefix) {
        this.numberPrefix = numberPrefix;
    }

    public String getRetryCycle() {
        return retryCycle;
    }

    public void setRetryCycle(String retryCycle) {
        this.retryCycle = retryCycle;
    }
}
