package fr.progerance.ops.billing.charges;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A legal rate a manager entered for a semester the data file does not hold yet (table
 * {@code ops_legal_rate}, R7.5): the rate, its source, who entered it and when. Never updated: a
 * semester has one rate.
 */
@Entity
@Table(name = "ops_legal_rate")
public class EnteredLegalRate {

    @Id
    @Column(name = "semester", length = 7, nullable = false, updatable = false)
    private String semester;

    @Column(name = "rate_percent", precision = 7, scale = 4, nullable = false, updatable = false)
    private BigDecimal ratePercent;

    @Column(name = "source", length = LegalRateRules.MAX_SOURCE_LENGTH, nullable = false, updatable = false)
    private String source;

    @Column(name = "entered_by", length = 64, nullable = false, updatable = false)
    private String enteredBy;

    @Column(name = "entered_at", nullable = false, updatable = false)
    private Instant enteredAt;

    protected EnteredLegalRate() {
    }

    EnteredLegalRate(String semester, BigDecimal ratePercent, String source, String enteredBy, Instant enteredAt) {
        this.semester = Objects.requireNonNull(semester, "semester");
        this.ratePercent = Objects.requireNonNull(ratePercent, "ratePercent");
        this.source = Objects.requireNonNull(source, "source");
        this.enteredBy = Objects.requireNonNull(enteredBy, "enteredBy");
        this.enteredAt = Objects.requireNonNull(enteredAt, "enteredAt");
    }

    public String getSemester() {
        return semester;
    }

    public BigDecimal getRatePercent() {
        return ratePercent;
    }

    public String getSource() {
        return source;
    }

    public String getEnteredBy() {
        return enteredBy;
    }

    public Instant getEnteredAt() {
        return enteredAt;
    }
}
