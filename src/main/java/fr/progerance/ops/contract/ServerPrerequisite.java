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

/** One item of a TIERCE server's onboarding checklist (R3.4, R6.8-a) and who checked it, when. */
@Entity
@Table(name = "ops_server_prerequisite")
public class ServerPrerequisite {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "server_id", nullable = false, updatable = false)
    private Server server;

    @Enumerated(EnumType.STRING)
    @Column(name = "item", nullable = false, length = 40, updatable = false)
    private Prerequisite item;

    @Column(name = "checked", nullable = false)
    private boolean checked;

    @Column(name = "checked_by", length = 100)
    private String checkedBy;

    @Column(name = "checked_at")
    private Instant checkedAt;

    @Column(name = "note", length = 1000)
    private String note;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ServerPrerequisite() {
    }

    ServerPrerequisite(Server server, Prerequisite item) {
        this.server = server;
        this.item = item;
    }

    /**
     * Checking an already checked item keeps its original checker and time (only the note changes);
     * unchecking clears both.
     */
    void record(boolean checked, String note, String by, Instant now) {
        if (checked && !this.checked) {
            this.checkedBy = by;
            this.checkedAt = now;
        } else if (!checked) {
            this.checkedBy = null;
            this.checkedAt = null;
        }
        this.checked = checked;
        this.note = note;
    }

    public Long getId() {
        return id;
    }

    public Server getServer() {
        return server;
    }

    public Prerequisite getItem() {
        return item;
    }

    public boolean isChecked() {
        return checked;
    }

    public String getCheckedBy() {
        return checkedBy;
    }

    public Instant getCheckedAt() {
        return checkedAt;
    }

    public String getNote() {
        return note;
    }
}
