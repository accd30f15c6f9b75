package fr.progerance.ops.billing.termination;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A recorded termination notice (table {@code ops_contract_termination}, R8.3): the registered
 * letter's date, who sent it and why, the effective end it leads to, and who recorded it when. One
 * per contract, never changed.
 */
@Entity
@Table(name = "ops_contract_termination")
public class ContractTermination {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "contract_id", nullable = false, updatable = false, unique = true)
    private long contractId;

    @Column(name = "notice_date", nullable = false, updatable = false)
    private LocalDate noticeDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "party", length = 16, nullable = false, updatable = false)
    private TerminationParty party;

    @Column(name = "reason", length = 500, nullable = false, updatable = false)
    private String reason;

    @Column(name = "effective_end", nullable = false, updatable = false)
    private LocalDate effectiveEnd;

    @Column(name = "recorded_by", length = 64, nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected ContractTermination() {
    }

    ContractTermination(long contractId, LocalDate noticeDate, TerminationParty party, String reason,
            LocalDate effectiveEnd, String recordedBy, Instant recordedAt) {
        this.contractId = contractId;
        this.noticeDate = Objects.requireNonNull(noticeDate, "noticeDate");
        this.party = Objects.requireNonNull(party, "party");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.effectiveEnd = Objects.requireNonNull(effectiveEnd, "effectiveEnd");
        this.recordedBy = Objects.requireNonNull(recordedBy, "recordedBy");
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
    }

    public Long getId() {
        return id;
    }

    public long getContractId() {
        return contractId;
    }

    public LocalDate getNoticeDate() {
        return noticeDate;
    }

    public TerminationParty getParty() {
        return party;
    }

    public String getReason() {
        return reason;
    }

    public LocalDate getEffectiveEnd() {
        return effectiveEnd;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
