package fr.progerance.ops.billing.ledger;

import fr.progerance.ops.billing.ledger.ClientAccounts.Account;
import fr.progerance.ops.billing.ledger.ClientAccounts.Standing;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A client's account (table {@code ops_client_account}, R7.3, R8.2): where it stands, and the row
 * whose lock serialises payments with the dunning decisions ({@link ClientLedger#lockAndRead}).
 */
@Entity
@Table(name = "ops_client_account")
public class ClientAccount {

    @Id
    @Column(name = "client_id", nullable = false, updatable = false)
    private Long clientId;

    @Enumerated(EnumType.STRING)
    @Column(name = "standing", length = 16, nullable = false)
    private Standing standing;

    @Column(name = "suspended_at")
    private Instant suspendedAt;

    @Column(name = "suspended_by", length = 32)
    private String suspendedBy;

    @Column(name = "deletion_due_at")
    private Instant deletionDueAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ClientAccount() {
    }

    void suspend(String invoiceNumber, Instant at, Instant deletionDue) {
        move(Standing.GOOD, Standing.SUSPENDED);
        this.suspendedAt = at;
        this.suspendedBy = invoiceNumber;
        this.deletionDueAt = deletionDue;
        this.updatedAt = at;
    }

    void reactivate(Instant at) {
        move(Standing.SUSPENDED, Standing.GOOD);
        this.suspendedAt = null;
        this.suspendedBy = null;
        this.deletionDueAt = null;
        this.updatedAt = at;
    }

    void deleted(Instant at) {
        move(Standing.SUSPENDED, Standing.DELETED);
        this.deletedAt = at;
        this.updatedAt = at;
    }

    private void move(Standing from, Standing to) {
        if (standing != from) {
            throw new IllegalStateException("Client " + clientId + " is " + standing + ", not " + from
                    + ": it cannot become " + to);
        }
        this.standing = to;
    }

    public Account view() {
        return new Account(clientId, standing, suspendedAt, suspendedBy, deletionDueAt, deletedAt);
    }

    public Long getClientId() {
        return clientId;
    }

    public Standing getStanding() {
        return standing;
    }
}
