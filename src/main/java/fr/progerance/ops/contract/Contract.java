package fr.progerance.ops.contract;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A contract: the signed order form (bon de commande) between the provider and a client. */
@Entity
@Table(name = "ops_contract")
public class Contract {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "client_id", nullable = false, updatable = false)
    private Client client;

    @Column(name = "reference", nullable = false, length = 40, unique = true)
    private String reference;

    /** 1 or 2 (R4.1, R4.2, R4.3). */
    @Column(name = "service_level", nullable = false)
    private int serviceLevel;

    /** R7.1: excluding tax, in euros. */
    @Column(name = "monthly_fee_excl_tax", nullable = false, precision = 12, scale = 2)
    private BigDecimal monthlyFeeExclTax;

    @Column(name = "start_date", nullable = false)
    private LocalDate startDate;

    /** R8.1: the initial term, then identical periods when tacitly renewed. */
    @Column(name = "initial_term_months", nullable = false)
    private int initialTermMonths;

    @Column(name = "tacit_renewal", nullable = false)
    private boolean tacitRenewal;

    /** R3.7: simultaneous database connections the quote grants (PROGERANCE servers). */
    @Column(name = "db_connection_quota")
    private Integer dbConnectionQuota;

    /** R4.3-t4: the ordered steps of the major-incident procedure; empty when none was agreed. */
    @ElementCollection
    @CollectionTable(name = "ops_contract_procedure_step", joinColumns = @JoinColumn(name = "contract_id"))
    @OrderColumn(name = "step_no", nullable = false)
    @Column(name = "description", nullable = false, length = 1000)
    private List<String> procedureSteps = new ArrayList<>();

    /** R4.3-t4, R4.3-t5: what the procedure allows the provider to do when the client is unreachable. */
    @ElementCollection
    @CollectionTable(name = "ops_contract_allowed_action", joinColumns = @JoinColumn(name = "contract_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "emergency_action", nullable = false, length = 32)
    private Set<EmergencyAction> allowedActions = EnumSet.noneOf(EmergencyAction.class);

    /** R4.3-t4: maximum budget for emergency interventions, excluding tax; null when not defined. */
    @Column(name = "emergency_budget_excl_tax", precision = 12, scale = 2)
    private BigDecimal emergencyBudgetExclTax;

    /** R4.3-t2: the client agreed in advance to out-of-hours interventions on TIERCE servers. */
    @Column(name = "tierce_out_of_hours_agreed", nullable = false)
    private boolean tierceOutOfHoursAgreed;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private ContractStatus status;

    @Column(name = "status_changed_at", nullable = false)
    private Instant statusChangedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Contract() {
    }

    /** A new contract starts as a DRAFT. */
    Contract(Client client, Instant now) {
        this.client = client;
        this.status = ContractStatus.DRAFT;
        this.statusChangedAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    @SuppressWarnings("java:S107") // the order form has that many terms
    void update(String reference, int serviceLevel, BigDecimal monthlyFeeExclTax, LocalDate startDate,
            int initialTermMonths, boolean tacitRenewal, Integer dbConnectionQuota, List<String> procedureSteps,
            Collection<EmergencyAction> allowedActions, BigDecimal emergencyBudgetExclTax,
            boolean tierceOutOfHoursAgreed, Instant now) {
        this.reference = reference;
        this.serviceLevel = serviceLevel;
        this.monthlyFeeExclTax = monthlyFeeExclTax;
        this.startDate = startDate;
        this.initialTermMonths = initialTermMonths;
        this.tacitRenewal = tacitRenewal;
        this.dbConnectionQuota = dbConnectionQuota;
        this.procedureSteps.clear();
        this.procedureSteps.addAll(procedureSteps);
        this.allowedActions.clear();
        this.allowedActions.addAll(allowedActions);
        this.emergencyBudgetExclTax = emergencyBudgetExclTax;
        this.tierceOutOfHoursAgreed = tierceOutOfHoursAgreed;
        this.updatedAt = now;
    }

    void moveTo(ContractStatus target, Instant now) {
        if (target != status) {
            this.status = target;
            this.statusChangedAt = now;
            this.updatedAt = now;
        }
    }

    public Long getId() {
        return id;
    }

    public Client getClient() {
        return client;
    }

    public Long getClientId() {
        return client.getId();
    }

    public String getReference() {
        return reference;
    }

    public int getServiceLevel() {
        return serviceLevel;
    }

    public BigDecimal getMonthlyFeeExclTax() {
        return monthlyFeeExclTax;
    }

    public LocalDate getStartDate() {
        return startDate;
    }

    public int getInitialTermMonths() {
        return initialTermMonths;
    }

    public boolean isTacitRenewal() {
        return tacitRenewal;
    }

    public Integer getDbConnectionQuota() {
        return dbConnectionQuota;
    }

    public List<String> getProcedureSteps() {
        return List.copyOf(procedureSteps);
    }

    public Set<EmergencyAction> getAllowedActions() {
        return allowedActions.isEmpty() ? EnumSet.noneOf(EmergencyAction.class) : EnumSet.copyOf(allowedActions);
    }

    public BigDecimal getEmergencyBudgetExclTax() {
        return emergencyBudgetExclTax;
    }

    public boolean isTierceOutOfHoursAgreed() {
        return tierceOutOfHoursAgreed;
    }

    public ContractStatus getStatus() {
        return status;
    }

    public Instant getStatusChangedAt() {
        return statusChangedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
