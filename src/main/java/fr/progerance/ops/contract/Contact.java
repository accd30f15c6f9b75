package fr.progerance.ops.contract;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A person (or desk) at the client, or at its hoster, that the provider may reach. */
@Entity
@Table(name = "ops_contact")
public class Contact {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "client_id", nullable = false, updatable = false)
    private Client client;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "email", length = 254)
    private String email;

    @Column(name = "phone", length = 32)
    private String phone;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 20)
    private ContactRole role;

    /** R4.3-t5: the order in which secondary contacts are tried (1 first); null for other roles. */
    @Column(name = "secondary_order")
    private Integer secondaryOrder;

    /** R4.3-t4: this person may authorise decisions (spending, impacting actions) for the client. */
    @Column(name = "may_authorise", nullable = false)
    private boolean mayAuthorise;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Contact() {
    }

    Contact(Client client, Instant now) {
        this.client = client;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void update(String name, String email, String phone, ContactRole role, Integer secondaryOrder,
            boolean mayAuthorise, Instant now) {
        this.name = name;
        this.email = email;
        this.phone = phone;
        this.role = role;
        this.secondaryOrder = secondaryOrder;
        this.mayAuthorise = mayAuthorise;
        this.updatedAt = now;
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

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    public String getPhone() {
        return phone;
    }

    public ContactRole getRole() {
        return role;
    }

    public Integer getSecondaryOrder() {
        return secondaryOrder;
    }

    public boolean isMayAuthorise() {
        return mayAuthorise;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
