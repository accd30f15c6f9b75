package fr.progerance.ops.billing.suspension;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * R8.2: the audit record of one deletion (table {@code ops_deletion_audit}), written and committed
 * before anything is deleted: whose data (client id and company name, the contracts), what exactly
 * ({@link DeletionAuditItem}: each server's database and shop directory, the local repository, the
 * off-site copy), under which rule, when and by whom it was decided. Each item is marked done with
 * its outcome as it is deleted; {@code completedAt} is set once all are. It has no foreign key: it
 * survives the client's data and any later change of the register, and nothing deletes it.
 */
@Entity
@Table(name = "ops_deletion_audit")
public class DeletionAudit {

    /** Who decides a deletion: the dunning process, on its own, at the R8.2 deadline. */
    public static final String SYSTEM = "system";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The caller's operation key: a retried deletion finds its audit record by it. */
    @Column(name = "operation_key", length = 150, nullable = false, updatable = false, unique = true)
    private String operationKey;

    @Column(name = "rule_id", length = 16, nullable = false, updatable = false)
    private String rule;

    @Column(name = "client_id", nullable = false, updatable = false)
    private long clientId;

    @Column(name = "company_name", length = 200, nullable = false, updatable = false)
    private String companyName;

    /** The client's contract references, comma-separated. */
    @Column(name = "contract_references", length = 2000, nullable = false, updatable = false)
    private String contractReferences;

    @Column(name = "decided_at", nullable = false, updatable = false)
    private Instant decidedAt;

    @Column(name = "decided_by", length = 64, nullable = false, updatable = false)
    private String decidedBy;

    @Column(name = "completed_at")
    private Instant completedAt;

    @OneToMany(mappedBy = "audit", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @OrderBy("position")
    private List<DeletionAuditItem> items = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected DeletionAudit() {
    }

    DeletionAudit(String operationKey, String rule, long clientId, String companyName, List<String> contractReferences,
            Instant decidedAt, String decidedBy) {
        this.operationKey = Objects.requireNonNull(operationKey, "operationKey");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.clientId = clientId;
        this.companyName = Objects.requireNonNull(companyName, "companyName");
        this.contractReferences = String.join(",", contractReferences);
        this.decidedAt = Objects.requireNonNull(decidedAt, "decidedAt");
        this.decidedBy = Objects.requireNonNull(decidedBy, "decidedBy");
    }

    DeletionAuditItem add(DeletionAuditItem.Kind kind, RegisteredServices.ServerRef server, String target) {
        DeletionAuditItem item = new DeletionAuditItem(this, items.size() + 1, kind, server, target);
        items.add(item);
        return item;
    }

    void completed(Instant at) {
        this.completedAt = at;
    }

    public Long getId() {
        return id;
    }

    public String getOperationKey() {
        return operationKey;
    }

    public String getRule() {
        return rule;
    }

    public long getClientId() {
        return clientId;
    }

    public String getCompanyName() {
        return companyName;
    }

    public List<String> getContractReferences() {
        return contractReferences.isEmpty() ? List.of() : Arrays.asList(contractReferences.split(","));
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public List<DeletionAuditItem> getItems() {
        return List.copyOf(items);
    }
}
