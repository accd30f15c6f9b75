package fr.progerance.ops.backup.restic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start-up, in the log, whether restic is usable: a WARN when it is missing or too old. The
 * engine starts either way (the demo runs without restic); backups then fail with a
 * {@link ResticVersionException} naming the settings. Runs on its own thread so that a hanging
 * binary never delays the start.
 */
@Component
public class ResticStartupCheck {

    private static final Logger log = LoggerFactory.getLogger(ResticStartupCheck.class);

    private final ProcessRestic restic;

    public ResticStartupCheck(ProcessRestic restic) {
        this.restic = restic;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void checkInBackground() {
        Thread thread = new Thread(this::check, "restic-version-check");
        thread.setDaemon(true);
        thread.start();
    }

    /** Logs the outcome of the version check; never throws. */
    void check() {
        try {
            restic.version();
        } catch (ResticException | IllegalArgumentException e) {
            log.warn("Backups cannot run: {}", e.getMessage());
        }
    }
}
