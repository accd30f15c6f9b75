package fr.progerance.ops.update;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Client;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.ContactRepository;
import fr.progerance.ops.contract.ContactRole;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.quote.QuoteStatus;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.quote.Quotes;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import fr.progerance.ops.update.version.UpdateClassifier;
import fr.progerance.ops.update.version.UpdateKind;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The update records ({@link Updates}, table {@code ops_update}) and, for {@code ApplyUpdate}, the
 * steps of the work: each writes what its step did, so the processes and the client's mails read the
 * record, never a variable (DESIGN rule 11). Plain business rules; delegates, handlers and E's
 * processes call it. Each method is one transaction: its own when called from the worker, the job's
 * when called from a delegate (the record and the engine's state commit together).
 */
@Service
public class UpdateService implements Updates {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateService.class);
    private static final int MAX_BY = 64;

    private final ShopUpdateRepository updates;
    private final ServerRepository servers;
    private final ContactRepository contacts;
    private final MaintenanceWindows windows;
    private final ContractClock clock;
    private final UpdateSettings settings;
    private final ObjectProvider<Quotes> quotes;

    public UpdateService(ShopUpdateRepository updates, ServerRepository servers, ContactRepository contacts,
            MaintenanceWindows windows, ContractClock clock, UpdateSettings settings, ObjectProvider<Quotes> quotes) {
        this.updates = updates;
        this.servers = servers;
        this.contacts = contacts;
        this.windows = windows;
        this.clock = clock;
        this.settings = settings;
        this.quotes = quotes;
    }

    // === Updates ==================================================================================

    @Override
    @Transactional
    public UpdateView open(long serverId, PrestaShopVersion current, Release target, String requestedBy) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(target, "target");
        requireBy(requestedBy, "requestedBy");
        if (!servers.existsById(serverId)) {
            throw new NoSuchElementException("No server " + serverId + " in the register");
        }
        UpdateKind kind = UpdateClassifier.classify(current, target.version());
        if (kind == UpdateKind.NONE) {
            throw new IllegalArgumentException("PrestaShop " + target.version() + " is not newer than "
                    + current + " (server " + serverId + "): nothing to update");
        }
        Instant due = dueAt(kind, target);
        Optional<ShopUpdate> open = updates.findOpenForUpdate(ShopUpdate.slot(serverId, kind));
        if (open.isPresent()) {
            ShopUpdate u = open.get();
            if (u.getStatus() == UpdateStatus.PENDING && !u.getToVersion().equals(target.version().text())
                    && PrestaShopVersion.parse(u.getToVersion()).compareTo(target.version()) < 0) {
                // RD-ps, R4.0-b: ops have not planned it yet: it aims at the newest release (a security
                // release keeps the earlier of the two due dates).
                LOG.info("Update {} of server {}: target {} -> {}", u.getId(), serverId, u.getToVersion(),
                        target.version());
                u.retarget(target.version().text(), target.security(), due);
            }
            return u.view();
        }
        ShopUpdate u = new ShopUpdate(serverId, current.text(), target.version().text(), kind, target.security(), due,
                requestedBy.strip(), clock.instant());
        return updates.saveAndFlush(u).view();
    }

    /**
     * R4.0-b: a minor or patch update is due at the start of the publication day plus
     * {@code ops.update.minor-delay} ({@code security-delay} for a security release), Paris time:
     * published 13 March 2026, due 20 March 2026 00:00. A major update has no due date (R4.0-c).
     */
    Instant dueAt(UpdateKind kind, Release target) {
        if (!kind.includedInContract()) {
            return null;
        }
        Period delay = target.security() ? settings.getSecurityDelay() : settings.getMinorDelay();
        return clock.plusCalendarPeriod(clock.startOfDay(target.publishedOn()).toInstant(), delay).toInstant();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UpdateView> find(long updateId) {
        return updates.findById(updateId).map(ShopUpdate::view);
    }

    @Override
    @Transactional(readOnly = true)
    public UpdateView get(long updateId) {
        return record(updateId).view();
    }

    /** The record itself (everything ApplyUpdate wrote on it). */
    @Transactional(readOnly = true)
    public ShopUpdate record(long updateId) {
        return updates.findById(updateId).orElseThrow(() -> new NoSuchElementException("No update " + updateId));
    }

    /**
     * Records the window, on the update and as the server's maintenance window (source UPDATE,
     * reference {@code update:<id>}, R4.4-p); moving it again moves that window. A major update needs
     * its quote APPROVED on the quote record first (R4.0-c, DESIGN rule 11).
     *
     * @throws IllegalArgumentException when the window does not end after its start, or is over
     * @throws IllegalStateException when the update cannot be scheduled (final, running, unapproved major)
     */
    @Override
    @Transactional
    public UpdateView schedule(long updateId, Instant windowStart, Instant windowEnd, String by) {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        requireBy(by, "by");
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("The update window must end after it starts (" + windowStart + " - "
                    + windowEnd + ")");
        }
        if (!windowEnd.isAfter(clock.instant())) {
            throw new IllegalArgumentException("The update window " + windowStart + " - " + windowEnd + " is over");
        }
        ShopUpdate u = locked(updateId);
        if (u.getKind().needsQuote()) {
            requireApprovedQuote(u);
        }
        u.schedule(windowStart, windowEnd, by.strip());
        windows.record(u.getServerId(), windowStart, windowEnd, MaintenanceWindowSource.UPDATE, Updates.key(updateId),
                "PrestaShop " + u.getKind().name().toLowerCase(java.util.Locale.ROOT) + " update " + u.getFromVersion()
                        + " -> " + u.getToVersion() + " (" + Updates.key(updateId) + ")", by.strip());
        return u.view();
    }

    @Override
    @Transactional
    public UpdateView quoted(long updateId, long quoteId) {
        ShopUpdate u = locked(updateId);
        u.quoted(quoteId);
        return u.view();
    }

    @Override
    @Transactional
    public UpdateView notDone(long updateId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("An update that is not done says why");
        }
        ShopUpdate u = locked(updateId);
        u.notDone(reason, clock.instant());
        return u.view();
    }

    @Override
    @Transactional(readOnly = true)
    public List<UpdateView> open() {
        return updates.findOpen().stream().map(ShopUpdate::view).toList();
    }

    /** The updates of a server, newest first. */
    @Transactional(readOnly = true)
    public List<UpdateView> ofServer(long serverId) {
        return updates.findByServerIdOrderByCreatedAtDescIdDesc(serverId).stream().map(ShopUpdate::view).toList();
    }

    // === ApplyUpdate's steps ======================================================================

    /** What ApplyUpdate's steps and mails need: the record, its server, its client and contacts. */
    public record Context(ShopUpdate update, Server server, Client client, List<Contact> contacts) {

        /** The client's primary contacts with an address: the update's notices go to them. */
        public List<String> primaryEmails() {
            return contacts.stream().filter(c -> c.getRole() == ContactRole.PRIMARY && c.getEmail() != null)
                    .map(Contact::getEmail).distinct().toList();
        }
    }

    @Transactional(readOnly = true)
    public Context context(long updateId) {
        ShopUpdate u = record(updateId);
        Server server = servers.findById(u.getServerId()).orElseThrow();
        Client client = server.getContract().getClient();
        client.getCompanyName();
        return new Context(u, server, client, contacts.findByClient_IdOrderByIdAsc(client.getId()));
    }

    /**
     * ApplyUpdate takes the record (one instance per update): it must be SCHEDULED with its window;
     * a major update's quote must be APPROVED on the quote record (R4.0-c: nothing touches the server
     * before, whatever the variables say).
     */
    @Transactional
    public ShopUpdate claim(long updateId, String processInstanceId) {
        ShopUpdate u = locked(updateId);
        if (u.getKind().needsQuote()) {
            requireApprovedQuote(u);
        }
        u.claim(processInstanceId);
        return u;
    }

    /** The window started: the update is RUNNING. */
    @Transactional
    public ShopUpdate started(long updateId) {
        ShopUpdate u = locked(updateId);
        u.started(clock.instant());
        return u;
    }

    /** The pre-update backup runs (database and files) the update's Backup instances recorded. */
    @Transactional
    public ShopUpdate backedUp(long updateId, String databaseRun, String filesRun) {
        ShopUpdate u = locked(updateId);
        u.backedUp(databaseRun, filesRun, clock.instant());
        return u;
    }

    /** The update assistant's own backup (its name, for a manual {@code backup:restore}). */
    @Transactional
    public void assistantBackup(long updateId, String name) {
        locked(updateId).assistantBackup(name);
    }

    /** The update itself failed for good (the assistant's last lines): the rollback follows. */
    @Transactional
    public void updateFailed(long updateId, String message) {
        locked(updateId).updateFailed(message);
    }

    /** The check after the update: the version read and what the shop answered. */
    @Transactional
    public ShopUpdate checked(long updateId, String versionRead, String findings, boolean healthy) {
        ShopUpdate u = locked(updateId);
        u.checked(versionRead, findings, healthy);
        return u;
    }

    @Transactional
    public ShopUpdate done(long updateId) {
        ShopUpdate u = locked(updateId);
        u.done("Updated from " + u.getFromVersion() + " to " + u.getToVersion() + " and verified: "
                + u.getVerification(), clock.instant());
        return u;
    }

    /** The pre-update backup was restored and the shop checked: final ROLLED_BACK, with why. */
    @Transactional
    public ShopUpdate rolledBack(long updateId, String report, String versionRead) {
        ShopUpdate u = locked(updateId);
        String why = u.getFailure() == null ? "The update failed" : u.getFailure();
        u.rolledBack(report, versionRead, why + " | Rolled back: " + report, clock.instant());
        return u;
    }

    /** The rollback failed for good: FAILED, ops act on the Camunda incident. */
    @Transactional
    public ShopUpdate rollbackFailed(long updateId, String message) {
        ShopUpdate u = locked(updateId);
        u.rollbackFailed(message);
        return u;
    }

    /** ApplyUpdate: the update was not run (no pre-update backup in time); nothing was sent to the assistant. */
    @Transactional
    public ShopUpdate notRun(long updateId, String reason) {
        ShopUpdate u = locked(updateId);
        u.notDone(reason, clock.instant());
        return u;
    }

    // === helpers ==================================================================================

    private ShopUpdate locked(long updateId) {
        return updates.findForUpdate(updateId).orElseThrow(() -> new NoSuchElementException("No update " + updateId));
    }

    /** R4.0-c, DESIGN rule 11: the quote record of this update says APPROVED. */
    private void requireApprovedQuote(ShopUpdate u) {
        if (u.getQuoteId() == null) {
            throw new IllegalStateException("Update " + u.getId() + " is a major update without a quote: nothing is"
                    + " planned or run before the client approved one (R4.0-c)");
        }
        Quotes q = quotes.getIfUnique();
        if (q == null) {
            throw new IllegalStateException("Update " + u.getId() + ": no quote service in this engine to read quote "
                    + u.getQuoteId() + " (R4.0-c)");
        }
        QuoteView quote = q.decided(u.getQuoteId(), Updates.key(u.getId()));
        if (quote.status() != QuoteStatus.APPROVED) {
            throw new IllegalStateException("Update " + u.getId() + ": quote " + quote.number() + " is "
                    + quote.status() + ", not APPROVED: the major update is not planned or run (R4.0-c)");
        }
    }

    private static void requireBy(String by, String name) {
        if (by == null || by.isBlank() || by.strip().length() > MAX_BY) {
            throw new IllegalArgumentException(name + " is required (at most " + MAX_BY + " characters)");
        }
    }
}
