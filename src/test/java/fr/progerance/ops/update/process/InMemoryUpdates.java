package fr.progerance.ops.update.process;

import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import fr.progerance.ops.update.version.UpdateClassifier;
import fr.progerance.ops.update.version.UpdateKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory {@link Updates} for the flow tests until the records of helper D are merged:
 * the documented behaviour only (one open minor and one open major per server, R4.0-b due dates of
 * publication + 7 days, or 2 days for security releases, at 00:00 Paris; final records do not move).
 */
final class InMemoryUpdates implements Updates {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AtomicLong IDS = new AtomicLong(900_000);

    private final Map<Long, UpdateView> records = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Every schedule call: the update, the window and who. */
    final List<String> scheduled = new ArrayList<>();

    InMemoryUpdates(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized UpdateView open(long serverId, PrestaShopVersion current, Release target, String requestedBy) {
        UpdateKind kind = UpdateClassifier.classify(current, target.version());
        if (kind == UpdateKind.NONE) {
            throw new IllegalArgumentException(target.version() + " is not newer than " + current);
        }
        Optional<UpdateView> same = records.values().stream().filter(u -> u.serverId() == serverId)
                .filter(u -> !u.status().finished()).filter(u -> u.kind().needsQuote() == kind.needsQuote()).findFirst();
        Instant due = kind.needsQuote() ? null
                : target.publishedOn().plusDays(target.security() ? 2 : 7).atStartOfDay(PARIS).toInstant();
        if (same.isPresent()) {
            UpdateView u = same.get();
            if (u.status() == UpdateStatus.PENDING && PrestaShopVersion.parse(u.toVersion()).compareTo(target.version()) < 0) {
                // As documented: a PENDING one aims at the newer release, security kept, the earlier due date kept.
                return put(new UpdateView(u.id(), u.serverId(), u.fromVersion(), target.version().text(), u.kind(),
                        u.security() || target.security(), due != null && due.isBefore(u.dueAt()) ? due : u.dueAt(),
                        u.status(), null, null, null, null, u.requestedBy(), u.createdAt(), null));
            }
            return u;
        }
        UpdateView u = new UpdateView(IDS.incrementAndGet(), serverId, current.text(), target.version().text(), kind,
                target.security(), due, kind.needsQuote() ? UpdateStatus.AWAITING_QUOTE : UpdateStatus.PENDING, null,
                null, null, null, requestedBy, clock.instant(), null);
        records.put(u.id(), u);
        return u;
    }

    @Override
    public Optional<UpdateView> find(long updateId) {
        return Optional.ofNullable(records.get(updateId));
    }

    @Override
    public UpdateView get(long updateId) {
        return find(updateId).orElseThrow(() -> new NoSuchElementException("Update " + updateId + " does not exist"));
    }

    @Override
    public synchronized UpdateView schedule(long updateId, Instant windowStart, Instant windowEnd, String by) {
        UpdateView u = movable(updateId);
        scheduled.add(updateId + " " + windowStart + " " + windowEnd + " " + by);
        return put(new UpdateView(u.id(), u.serverId(), u.fromVersion(), u.toVersion(), u.kind(), u.security(),
                u.dueAt(), UpdateStatus.SCHEDULED, windowStart, windowEnd, u.quoteId(), u.reason(), u.requestedBy(),
                u.createdAt(), null));
    }

    @Override
    public synchronized UpdateView quoted(long updateId, long quoteId) {
        UpdateView u = movable(updateId);
        return put(new UpdateView(u.id(), u.serverId(), u.fromVersion(), u.toVersion(), u.kind(), u.security(),
                u.dueAt(), u.status(), u.windowStart(), u.windowEnd(), quoteId, u.reason(), u.requestedBy(),
                u.createdAt(), null));
    }

    @Override
    public synchronized UpdateView notDone(long updateId, String reason) {
        return finish(updateId, UpdateStatus.NOT_DONE, reason);
    }

    /** What ApplyUpdate records at its end (the mocked ApplyUpdate does not). */
    synchronized UpdateView finish(long updateId, UpdateStatus status, String reason) {
        UpdateView u = movable(updateId);
        return put(new UpdateView(u.id(), u.serverId(), u.fromVersion(), u.toVersion(), u.kind(), u.security(),
                u.dueAt(), status, u.windowStart(), u.windowEnd(), u.quoteId(), reason, u.requestedBy(), u.createdAt(),
                status.finished() ? clock.instant() : null));
    }

    @Override
    public List<UpdateView> open() {
        return records.values().stream().filter(u -> !u.status().finished())
                .sorted(Comparator.comparing(UpdateView::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(UpdateView::id))
                .toList();
    }

    private UpdateView movable(long updateId) {
        UpdateView u = get(updateId);
        if (u.status().finished()) {
            throw new IllegalStateException("Update " + updateId + " is " + u.status() + ": final");
        }
        return u;
    }

    private UpdateView put(UpdateView u) {
        records.put(u.id(), u);
        return u;
    }
}
