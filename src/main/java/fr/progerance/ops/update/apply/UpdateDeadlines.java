package fr.progerance.ops.update.apply;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.calendar.SlaDeadlines;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.update.ShopUpdate;
import fr.progerance.ops.update.UpdateSettings;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** ApplyUpdate's deadlines, all computed by {@code calendar/} (DESIGN rule 7). */
@Component
public class UpdateDeadlines {

    private final SlaDeadlines sla;
    private final ContractClock clock;
    private final UpdateSettings settings;

    public UpdateDeadlines(SlaDeadlines sla, ContractClock clock, UpdateSettings settings) {
        this.sla = sla;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * R4.3-p2: on PROGERANCE the update is due after {@code ops.update.window-time-limit} (2 h) of
     * level-2 window time (RC-n2: 7h-18h on business days) from its window's start: a window opening
     * Friday 17:30 is due Monday 8:30. TIERCE (R4.2: no guaranteed time) is held to the end of the
     * window announced to the client.
     */
    public Instant timeLimit(ShopUpdate update, Server server) {
        if (server.getInfrastructure() == Infrastructure.PROGERANCE) {
            return sla.calendar().n2().addWorkingTime(update.getWindowStart(), settings.getWindowTimeLimit());
        }
        return update.getWindowEnd();
    }

    /** No update without its backup: the pre-update backup is awaited {@code ops.update.apply.backup-wait} from now. */
    public Instant backupUntil() {
        return clock.after(settings.getApply().getBackupWait()).toInstant();
    }
}
