package fr.progerance.ops.backup.transfer;

import fr.progerance.ops.backup.BackupKind;
import java.util.Objects;

/**
 * What to read on the server for one backup kind (R3.6-b).
 *
 * @param kind the backup kind
 * @param name for {@link BackupKind#DATABASE} the database name; for {@link BackupKind#FILES} the
 *     shop's install path; for {@link BackupKind#SERVER} the root directory (normally {@code /})
 */
public record BackupSource(BackupKind kind, String name) {

    public BackupSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** The file name the stream gets inside the snapshot ({@code --stdin-filename}). */
    public String snapshotFileName() {
        return switch (kind) {
            case DATABASE -> name + ".sql";
            case FILES -> "files.tar";
            case SERVER -> "server.tar";
        };
    }
}
