package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.calendar.ContractClock;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A server's backup points (R3.6-e): the snapshots of its client's repository tagged
 * {@code server=<id>} with a known {@code kind=} tag, newest first. The only list a restore may pick
 * from, whether ops choose in Tasklist or call the API.
 */
@Component
public class BackupPoints {

    /** A restic snapshot id as ops give it: its 8-character short id or its full 64-character id. */
    static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9a-f]{8}|[0-9a-f]{64}");

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final RestorePorts ports;
    private final RestoreSettings settings;
    private final ContractClock clock;

    public BackupPoints(RestorePorts ports, RestoreSettings settings, ContractClock clock) {
        this.ports = ports;
        this.settings = settings;
        this.clock = clock;
    }

    /** The tag every snapshot of a server carries. */
    static String serverTag(long serverId) {
        return "server=" + serverId;
    }

    /** The server's backup points, newest first, at most {@code ops.backup.restore.backup-points}. */
    public List<ResticSnapshot> of(long clientId, long serverId) {
        Optional<ResticRepository> repository = ports.repositories().repository(clientId);
        if (repository.isEmpty()) {
            return List.of();
        }
        return ports.restic().snapshots(repository.get(), List.of(serverTag(serverId))).stream()
                .filter(s -> kind(s).isPresent())
                .filter(s -> s.tag("server").map(String.valueOf(serverId)::equals).orElse(false))
                .sorted(Comparator.comparing(ResticSnapshot::time).reversed())
                .limit(settings.getBackupPoints()).toList();
    }

    /** The backup point of that id (full or short) among the server's, if it is one of them. */
    public Optional<ResticSnapshot> find(long clientId, long serverId, String snapshotId) {
        if (snapshotId == null || !SNAPSHOT_ID.matcher(snapshotId).matches()) {
            return Optional.empty();
        }
        return of(clientId, serverId).stream()
                .filter(s -> s.id().equals(snapshotId) || s.shortId().equals(snapshotId)).findFirst();
    }

    static Optional<BackupKind> kind(ResticSnapshot snapshot) {
        return snapshot.tag("kind").flatMap(BackupKind::fromTag);
    }

    /** What ops read in Tasklist: "2026-03-09 03:00 (Europe/Paris), database, 1a2b3c4d". */
    public String label(ResticSnapshot snapshot) {
        return LABEL.format(clock.atZone(snapshot.time())) + " (" + clock.zone() + "), "
                + kind(snapshot).map(BackupKind::tag).orElse("?") + ", " + snapshot.shortId();
    }

    /** The options of the choice's select ({@code valuesKey}): label and full id. */
    public List<Map<String, String>> options(List<ResticSnapshot> snapshots) {
        return snapshots.stream().map(s -> {
            Map<String, String> option = new LinkedHashMap<>();
            option.put("label", label(s));
            option.put("value", s.id());
            return option;
        }).toList();
    }
}
