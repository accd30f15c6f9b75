package fr.progerance.ops.contract;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A client company: the party that signs contracts and receives invoices. */
@Entity
@Table(name = "ops_client")
public class Client {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "company_name", nullable = false, length = 200)
    private String companyName;

    @Embedded
    private BillingAddress billingAddress;

    /** Normalised (see {@link VatNumbers#normalise}); null when the client has none. */
    @Column(name = "vat_number", length = 16, unique = true)
    private String vatNumber;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Client() {
    }

    Client(Instant now) {
        this.createdAt = now;
        this.updatedAt = now;
    }

    void update(String companyName, BillingAddress billingAddress, String vatNumber, Instant now) {
        this.companyName = companyName;
        this.billingAddress = billingAddress;
        this.vatNumber = vatNumber;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getCompanyName() {
        return companyName;
    }

    public BillingAddress getBillingAddress() {
        return billingAddress;
    }

    public String getVatNumber() {
        return vatNumber;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
