package fr.progerance.ops.update;

import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The update records (table {@code ops_update}) and the maintenance windows they record (table
 * {@code ops_maintenance_window}, source {@code UPDATE}: availability excludes them later, R4.4-p).
 * Every method commits its own change; status changes are checked (a final update does not move).
 */
public interface Updates {

    /**
     * The update's key: the business key of its processes and the subject of its quote
     * ({@code update:<id>}).
     */
    static String key(long updateId) {
        return "update:" + updateId;
    }

    /**
     * Opens the update of {@code serverId} from {@code current} to {@code target}, or returns the
     * open (not final) one of that server and target. Its kind comes from the classifier; its due
     * date for a MINOR/PATCH is {@code target.publishedOn()} + {@code ops.update.minor-delay}
     * (R4.0-b, 7 days) or + {@code ops.update.security-delay} when security, computed by
     * {@code calendar/}; a MAJOR has none and starts AWAITING_QUOTE.
     *
     * <p>A server has at most one open MAJOR and one open MINOR/PATCH update. While one is open, a
     * different target of the same class returns it: unchanged, except a PENDING one (its window not
     * planned yet) whose target is older, which then aims at the newer release (security flag kept,
     * the earlier due date kept).
     *
     * @throws IllegalArgumentException when {@code target} is not newer than {@code current}
     */
    UpdateView open(long serverId, PrestaShopVersion current, Release target, String requestedBy);

    Optional<UpdateView> find(long updateId);

    /** @throws java.util.NoSuchElementException with a readable message */
    UpdateView get(long updateId);

    /** Records the maintenance window of the update and moves it to SCHEDULED. */
    UpdateView schedule(long updateId, Instant windowStart, Instant windowEnd, String by);

    /** MajorUpdate: the quote that decides it. */
    UpdateView quoted(long updateId, long quoteId);

    /** Final NOT_DONE with the reason (quote declined or expired...). Nothing was sent to the server. */
    UpdateView notDone(long updateId, String reason);

    /** The open (not final) updates, oldest due first. */
    List<UpdateView> open();
}
