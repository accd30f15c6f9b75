package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.incident.CauseCategory.Responsibility;
import java.util.Objects;
import java.util.Set;

/**
 * Whether an outage counts against the provider (R4.4-p, R4.4-t, R4.0-a). A plain class.
 *
 * <ul>
 *   <li>Not classified yet (no cause on the outage nor on its incident): it counts. The provider
 *       answers for an outage until someone shows otherwise.</li>
 *   <li>Responsibility other than the provider's: excluded. On TIERCE, hardware, network and
 *       hoster causes are the hoster's (R4.4-t, {@link CauseCategory#responsibility}); a client's own
 *       change is the client's.</li>
 *   <li>A cause the guarantee does not cover ({@code ops.availability.not-covered-causes}, default
 *       APPLICATION: application speed and third-party modules, R4.0-a): excluded.</li>
 *   <li>Anything else counts as unavailable time.</li>
 * </ul>
 * Excluded outages leave the measure altogether (their minutes are neither available nor unavailable),
 * as planned windows and force majeure do.
 */
public final class OutageRules {

    private final Set<CauseCategory> notCovered;

    public OutageRules(Set<CauseCategory> notCovered) {
        this.notCovered = Set.copyOf(Objects.requireNonNull(notCovered, "notCovered"));
    }

    /** How an outage is treated. */
    public enum Treatment {
        /** Unavailable time the provider answers for. */
        COUNTED,
        /** R4.4-t: the hoster's (TIERCE hardware, network, hoster). */
        EXCLUDED_HOSTER,
        /** The client's own change. */
        EXCLUDED_CLIENT,
        /** R4.0-a: not covered by the infrastructure guarantee. */
        EXCLUDED_NOT_COVERED;

        public boolean counted() {
            return this == COUNTED;
        }
    }

    /**
     * @param category       the cause (the outage's own, else its incident's), null when not classified
     * @param responsibility the recorded responsibility, null to derive it from the cause
     */
    public Treatment treatment(Infrastructure infrastructure, CauseCategory category, Responsibility responsibility) {
        if (category == null && responsibility == null) {
            return Treatment.COUNTED;
        }
        Responsibility who = responsibility != null ? responsibility : category.responsibility(infrastructure);
        if (who == Responsibility.HOSTER) {
            return Treatment.EXCLUDED_HOSTER;
        }
        if (who == Responsibility.CLIENT) {
            return Treatment.EXCLUDED_CLIENT;
        }
        if (category != null && notCovered.contains(category)) {
            return Treatment.EXCLUDED_NOT_COVERED;
        }
        return Treatment.COUNTED;
    }
}
