package fr.progerance.ops.update.process;

import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.shop.ShopVersionReading;
import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.version.Release;
import fr.progerance.ops.update.version.ReleaseCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One server's check of UpdateWatch (RD-ps, R4.0-b, R4.0-c): its version read now over SSH, the
 * catalogue asked, the updates it needs opened and their processes started, each step idempotent, so
 * a retried job does nothing twice.
 *
 * <ul>
 *   <li>Minor: the newest minor or patch release (security flag included, R4.0-b) is opened;
 *       {@code Updates.open} keeps one open minor update per server (a PENDING one is aimed at the
 *       newer release, and its waiting planning task follows: {@link MinorUpdateSync}). The process
 *       of every open minor update of the server is made sure of.</li>
 *   <li>Major (R4.0-c): one open major update per server; a new one is proposed (MajorUpdate: a quote
 *       first) unless the client refused the same major line lately ({@link MajorProposals}).</li>
 * </ul>
 */
@Component
public class UpdateWatcher {

    /** {@code requestedBy} of the updates the watch opens. */
    public static final String CATALOGUE = "catalogue";

    private static final Logger LOG = LoggerFactory.getLogger(UpdateWatcher.class);

    private final ShopVersions versions;
    private final ReleaseCatalogue catalogue;
    private final Updates updates;
    private final UpdateStarter starter;
    private final MajorProposals proposals;
    private final MinorUpdateSync sync;

    public UpdateWatcher(ShopVersions versions, ReleaseCatalogue catalogue, Updates updates, UpdateStarter starter,
            MajorProposals proposals, MinorUpdateSync sync) {
        this.sync = sync;
        this.versions = versions;
        this.catalogue = catalogue;
        this.updates = updates;
        this.starter = starter;
        this.proposals = proposals;
    }

    /** What one check found and did. */
    public record Checked(ShopVersionReading reading, List<UpdateStarter.Started> processes) {
    }

    /**
     * Checks server {@code serverId}.
     *
     * @throws fr.progerance.ops.remote.RemoteException when the server cannot be read (the job retries)
     */
    public Checked check(long serverId) {
        ShopVersionReading reading = versions.read(serverId);
        List<UpdateView> open = updates.open().stream().filter(u -> u.serverId() == serverId).toList();
        List<UpdateStarter.Started> processes = new ArrayList<>();

        // Updates.open keeps one open minor update per server: it returns the open one, aimed at the
        // newer release while its window is not planned yet.
        catalogue.minorUpdateFor(reading.version()).ifPresent(release -> {
            UpdateView u = open(serverId, reading, release);
            UpdateStarter.Started started = starter.ensureStarted(u);
            if (!started.startedNow()) {
                sync.follow(u, started.processInstanceId());
            }
            processes.add(started);
        });
        open.stream().filter(u -> u.kind().includedInContract())
                .filter(u -> processes.stream().noneMatch(p -> p.updateId() == u.id()))
                .forEach(u -> processes.add(starter.ensureStarted(u)));

        List<UpdateView> openMajors = open.stream().filter(u -> u.kind().needsQuote()).toList();
        if (!openMajors.isEmpty()) {
            openMajors.forEach(u -> processes.add(starter.ensureStarted(u)));
        } else {
            Optional<Release> major = catalogue.majorUpdateFor(reading.version());
            if (major.isPresent()) {
                Optional<UpdateView> refused = proposals.recentRefusal(serverId, major.get().version());
                if (refused.isPresent()) {
                    LOG.info("Server {}: major update to {} not proposed again: update {} was refused lately ({})",
                            serverId, major.get().version(), refused.get().id(), refused.get().reason());
                } else {
                    processes.add(starter.ensureStarted(open(serverId, reading, major.get())));
                }
            }
        }
        return new Checked(reading, processes);
    }

    private UpdateView open(long serverId, ShopVersionReading reading, Release release) {
        return updates.open(serverId, reading.version(), release, CATALOGUE);
    }
}
