package fr.progerance.ops.backup;

/**
 * What a backup run saves (R3.6-b): the shop's database every day, the shop's files and the full
 * server every week. The kind is a restic tag of every snapshot ({@code kind=database}...).
 */
public enum BackupKind {

    /** R3.6-b: daily, {@code mysqldump --single-transaction --quick} streamed into restic. */
    DATABASE("database"),
    /** R3.6-b: weekly, a tar stream of the shop's install path. */
    FILES("files"),
    /** R3.6-b: weekly, a tar stream of the server's root minus pseudo and temporary file systems. */
    SERVER("server");

    private final String tag;

    BackupKind(String tag) {
        this.tag = tag;
    }

    /** The value of the {@code kind=} restic tag. */
    public String tag() {
        return tag;
    }

    /** The kind whose tag is {@code tag}, if any. */
    public static java.util.Optional<BackupKind> fromTag(String tag) {
        for (BackupKind kind : values()) {
            if (kind.tag.equals(tag)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}
