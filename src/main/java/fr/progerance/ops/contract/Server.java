package fr.progerance.ops.contract;

import fr.progerance.ops.calendar.Infrastructure;
import jakarta.persistence.CascadeType;
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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A server covered by a contract (RD-infra), with what the remote processes need to reach it. */
@Entity
@Table(name = "ops_server")
public class Server {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contract_id", nullable = false, updatable = false)
    private Contract contract;

    @Column(name = "name", nullable = false, length = 64)
    private String name;

    /** Host name or IP address (see {@link HostAddresses}). */
    @Column(name = "address", nullable = false, length = 253)
    private String address;

    @Column(name = "ssh_port", nullable = false)
    private int sshPort;

    @Column(name = "ssh_user", nullable = false, length = 32)
    private String sshUser;

    /** DESIGN rule 8: the pinned host key, {@code SHA256:...} as {@code ssh-keygen -lf} prints it. */
    @Column(name = "host_key_fingerprint", nullable = false, length = 50)
    private String hostKeyFingerprint;

    @Enumerated(EnumType.STRING)
    @Column(name = "infrastructure", nullable = false, length = 16)
    private Infrastructure infrastructure;

    /** R3.2: the client's hoster for a TIERCE server; null for PROGERANCE. */
    @Column(name = "hoster_name", length = 200)
    private String hosterName;

    @Column(name = "prestashop_url", nullable = false, length = 2048)
    private String prestashopUrl;

    @Column(name = "install_path", nullable = false, length = 255)
    private String installPath;

    @Column(name = "database_name", nullable = false, length = 64)
    private String databaseName;

    /**
     * Issue 6, DESIGN rule 13: the HTTP status the shop's URL must end with (after redirects); null
     * when the setting {@code ops.incident.shop-expected-status} applies.
     */
    @Column(name = "shop_expected_status")
    private Integer shopExpectedStatus;

    /** Issue 6: text the shop's page must contain (case-insensitive), e.g. its name; null: none. */
    @Column(name = "shop_keyword", length = FieldRules.SHOP_KEYWORD_MAX_LENGTH)
    private String shopKeyword;

    /**
     * RD-ps: the name of the shop's back-office directory under the install path (e.g.
     * {@code admin4f7k2q}), which the update assistant's command line needs; null when not known (the
     * engine then neither reads nor updates the shop's version).
     */
    @Column(name = "admin_directory", length = 64)
    private String adminDirectory;

    /** R3.4, R6.8-a: the onboarding checklist, present only on TIERCE servers. */
    @OneToMany(mappedBy = "server", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<ServerPrerequisite> prerequisites = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Server() {
    }

    Server(Contract contract, Instant now) {
        this.contract = contract;
        this.createdAt = now;
        this.updatedAt = now;
    }

    @SuppressWarnings("java:S107")
    void update(String name, String address, int sshPort, String sshUser, String hostKeyFingerprint,
            Infrastructure infrastructure, String hosterName, String prestashopUrl, String installPath,
            String databaseName, Instant now) {
        this.name = name;
        this.address = address;
        this.sshPort = sshPort;
        this.sshUser = sshUser;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.infrastructure = infrastructure;
        this.hosterName = hosterName;
        this.prestashopUrl = prestashopUrl;
        this.installPath = installPath;
        this.databaseName = databaseName;
        this.updatedAt = now;
        syncChecklist();
    }

    /** Issue 6: what the shop check expects of this server's shop; nulls restore the defaults. */
    void updateShopCheck(Integer shopExpectedStatus, String shopKeyword, Instant now) {
        this.shopExpectedStatus = shopExpectedStatus;
        this.shopKeyword = shopKeyword;
        this.updatedAt = now;
    }

    /** RD-ps: the shop's back-office directory name, or null when not known. */
    void updateAdminDirectory(String adminDirectory, Instant now) {
        this.adminDirectory = adminDirectory;
        this.updatedAt = now;
    }

    /**
     * R3.4: a TIERCE server carries every checklist item (created unchecked); a PROGERANCE server
     * carries none, so a server moved between kinds gains or loses its checklist.
     */
    private void syncChecklist() {
        if (infrastructure == Infrastructure.TIERCE) {
            for (Prerequisite item : Prerequisite.values()) {
                if (prerequisite(item).isEmpty()) {
                    prerequisites.add(new ServerPrerequisite(this, item));
                }
            }
        } else {
            prerequisites.clear();
        }
    }

    public Optional<ServerPrerequisite> prerequisite(Prerequisite item) {
        return prerequisites.stream().filter(p -> p.getItem() == item).findFirst();
    }

    /** The items still unchecked, in checklist order; empty for PROGERANCE servers. */
    public List<Prerequisite> uncheckedPrerequisites() {
        return prerequisites.stream().filter(p -> !p.isChecked()).map(ServerPrerequisite::getItem).sorted().toList();
    }

    public boolean isTierce() {
        return infrastructure == Infrastructure.TIERCE;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public Contract getContract() {
        return contract;
    }

    public Long getContractId() {
        return contract.getId();
    }

    public String getName() {
        return name;
    }

    public String getAddress() {
        return address;
    }

    public int getSshPort() {
        return sshPort;
    }

    public String getSshUser() {
        return sshUser;
    }

    public String getHostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    public Infrastructure getInfrastructure() {
        return infrastructure;
    }

    public String getHosterName() {
        return hosterName;
    }

    public String getPrestashopUrl() {
        return prestashopUrl;
    }

    public String getInstallPath() {
        return installPath;
    }

    public String getDatabaseName() {
        return databaseName;
    }

    /** The expected HTTP status of the shop's URL, or null when the engine's setting applies. */
    public Integer getShopExpectedStatus() {
        return shopExpectedStatus;
    }

    /** Text the shop's page must contain (case-insensitive), or null. */
    public String getShopKeyword() {
        return shopKeyword;
    }

    /** RD-ps: the shop's back-office directory name (the update assistant's argument), or null. */
    public String getAdminDirectory() {
        return adminDirectory;
    }

    public List<ServerPrerequisite> getPrerequisites() {
        return prerequisites.stream()
                .sorted((a, b) -> a.getItem().compareTo(b.getItem()))
                .toList();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
