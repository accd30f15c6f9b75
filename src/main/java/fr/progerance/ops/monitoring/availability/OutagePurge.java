package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.calendar.ContractClock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * R5.7: technical data from client sites is kept at most one year. Outages that ended more than
 * {@code ops.availability.retention} ago are deleted (an open outage is kept while it lasts). Run by
 * {@link AvailabilityHousekeeping}; the penalty records (billing decisions, not technical data) stay.
 */
@Component
public class OutagePurge {

    private static final Logger LOG = LoggerFactory.getLogger(OutagePurge.class);

    private final OutageRepository outages;
    private final ContractClock clock;
    private final AvailabilitySettings settings;

    public OutagePurge(OutageRepository outages, ContractClock clock, AvailabilitySettings settings) {
        this.outages = outages;
        this.clock = clock;
        this.settings = settings;
    }

    /** @return how many outages were deleted */
    @Transactional
    public int purge() {
        Instant before = clock.periodBeforeNow(settings.getRetention());
        int deleted = outages.purgeEndedBefore(before);
        if (deleted > 0) {
            LOG.info("R5.7: {} outages ended before {} purged", deleted, before);
        }
        return deleted;
    }
}
