package fr.progerance.ops.backup.restic;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot as {@code restic snapshots --json} lists it.
 *
 * @param id the full snapshot id (64 hex characters)
 * @param shortId the first 8 characters
 * @param time when the snapshot was taken (or the {@code --time} given)
 * @param hostname the host name recorded by restic
 * @param paths the saved paths (for a stdin backup, the {@code --stdin-filename})
 * @param tags its tags, e.g. {@code server=12}, {@code kind=database}, {@code run=...}
 */
public record ResticSnapshot(String id, String shortId, Instant time, String hostname, List<String> paths,
        List<String> tags) {

    public ResticSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        paths = paths == null ? List.of() : List.copyOf(paths);
        tags = tags == null ? List.of() : List.copyOf(tags);
        shortId = shortId == null ? id.substring(0, Math.min(8, id.length())) : shortId;
    }

    /** The value of the tag {@code name=value}, if the snapshot has one. */
    public java.util.Optional<String> tag(String name) {
        String prefix = name + "=";
        return tags.stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).findFirst();
    }
}
