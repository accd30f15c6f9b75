package fr.progerance.ops.demo;

import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.monitoring.availability.AvailabilityLedger;
import fr.progerance.ops.monitoring.availability.AvailabilityMetrics;
import fr.progerance.ops.monitoring.availability.OutageLedger;
import fr.progerance.ops.monitoring.availability.OutageRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A few demo outages (profile {@code demo}), once the demo register is there and while no outage
 * exists, written through the availability ledger, so {@code GET /api/availability/report} and the
 * dashboard show something (R4.4-p, R4.4-t):
 * <ul>
 *   <li>Maison Lavande (PG-2025-0001, PROGERANCE): last month, 50 minutes down on the 9th (below
 *       99.9 %: 10 % of the fee), and 40 minutes inside a planned maintenance window on the 20th
 *       (excluded); this month, 12 minutes down on the 2nd;</li>
 *   <li>Atelier Cévenol (PG-2025-0002, TIERCE): last month, 3 hours down on the 14th, classified as
 *       the hoster's failure (excluded, R4.4-t);</li>
 *   <li>Librairie des Quais (PG-2025-0004, PROGERANCE): last month, 8 hours down on the 5th (below
 *       99.0 %: 50 % of the fee, but its invoice of that month is unpaid: capped at 0, R5.2).</li>
 * </ul>
 */
@Component
@Profile("demo")
public class DemoAvailabilityData {

    private static final Logger LOG = LoggerFactory.getLogger(DemoAvailabilityData.class);
    private static final String BY = "demo";

    private final ContractRepository contracts;
    private final ServerRepository servers;
    private final AvailabilityLedger ledger;
    private final OutageLedger outageLedger;
    private final OutageRepository outages;
    private final MaintenanceWindows windows;
    private final AvailabilityMetrics metrics;
    private final ContractClock clock;

    @SuppressWarnings("java:S107")
    public DemoAvailabilityData(ContractRepository contracts, ServerRepository servers, AvailabilityLedger ledger,
            OutageLedger outageLedger, OutageRepository outages, MaintenanceWindows windows,
            AvailabilityMetrics metrics, ContractClock clock) {
        this.contracts = contracts;
        this.servers = servers;
        this.ledger = ledger;
        this.outageLedger = outageLedger;
        this.outages = outages;
        this.windows = windows;
        this.metrics = metrics;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        if (outages.count() > 0) {
            LOG.info("Outages exist: demo outages left as they are");
            return;
        }
        AvailabilityMonth thisMonth = AvailabilityMonth.containing(clock.instant(), clock.zone());
        AvailabilityMonth lastMonth = thisMonth.previous();
        try {
            server("PG-2025-0001").ifPresent(s -> {
                Instant windowStart = at(lastMonth, 19, 22, 0);
                windows.record(s.getId(), windowStart, windowStart.plus(Duration.ofHours(2)),
                        MaintenanceWindowSource.MANUAL, "demo:availability", "Mise à jour du noyau", BY);
                outage(s, windowStart.plus(Duration.ofMinutes(30)), Duration.ofMinutes(40), "SERVICE:nginx inactive");
                // This month (its invoice is paid in the demo): 50 minutes, below 99.9 %, if already past.
                Instant recent = at(thisMonth, 0, 2, 0);
                if (recent.plus(Duration.ofMinutes(50)).isBefore(clock.instant())) {
                    outage(s, recent, Duration.ofMinutes(50), "HTTP_STATUS:boutique HTTP 502");
                } else {
                    outage(s, at(lastMonth, 8, 10, 5), Duration.ofMinutes(50), "HTTP_STATUS:boutique HTTP 502");
                }
            });
            server("PG-2025-0002").ifPresent(s -> {
                long id = outage(s, at(lastMonth, 13, 9, 0), Duration.ofHours(3), "SSH: connection timed out");
                outageLedger.classify(id, CauseCategory.HOSTER, "Panne électrique chez l'hébergeur (R4.4-t)", BY);
            });
            server("PG-2025-0004").ifPresent(s -> outage(s, at(lastMonth, 4, 6, 0), Duration.ofHours(8),
                    "HTTP_STATUS:boutique HTTP 503"));
            metrics.refresh();
            LOG.info("Demo outages loaded (GET /api/availability/report?month={} and {})", thisMonth, lastMonth);
        } catch (RuntimeException e) {
            LOG.warn("Demo outages not loaded: {}", e.toString());
        }
    }

    private Optional<Server> server(String contractReference) {
        return contracts.findByReference(contractReference)
                .map(c -> servers.findByContract_IdOrderByIdAsc(c.getId()))
                .flatMap(list -> list.stream().findFirst());
    }

    private long outage(Server server, Instant start, Duration length, String cause) {
        long id = ledger.outageStarted(server.getId(), start, cause, null);
        ledger.outageEnded(server.getId(), start.plus(length));
        return id;
    }

    /** The month's day {@code dayIndex + 1} at {@code hour:minute}, Paris time. */
    private static Instant at(AvailabilityMonth month, int dayIndex, int hour, int minute) {
        return month.month().atDay(1 + dayIndex).atTime(hour, minute).atZone(month.zone()).toInstant();
    }
}
