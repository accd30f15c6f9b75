package fr.progerance.ops.backup.transfer;

import fr.progerance.ops.backup.BackupKind;
import java.util.Objects;

/**
 * Where a snapshot goes back on the server (R3.6-d).
 *
 * @param kind the kind of the snapshot restored
 * @param name for {@link BackupKind#DATABASE} the database loaded with {@code mysql}; otherwise the
 *     directory the tar stream is extracted into
 */
public record RestoreDestination(BackupKind kind, String name) {

    public RestoreDestination {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
