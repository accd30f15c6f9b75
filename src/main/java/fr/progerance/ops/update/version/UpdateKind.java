package fr.progerance.ops.update.version;

/**
 * How far an update goes (RD-ps, R4.0-b, R4.0-c). From 8.0 PrestaShop follows semantic versioning
 * (8 -> 9 MAJOR, 8.1 -> 8.2 MINOR, 8.2.0 -> 8.2.1 PATCH); in 1.x.y.z the first two numbers are
 * the major (1.7 -> 8 MAJOR, 1.7.7 -> 1.7.8 MINOR, 1.7.8.10 -> 1.7.8.11 PATCH). See
 * {@link UpdateClassifier}.
 */
public enum UpdateKind {
    /** R4.0-c: needs a specific quote approved by the client before any work. */
    MAJOR,
    /** RD-ps: included in the contract ("minor update"). */
    MINOR,
    /** RD-ps: included in the contract ("minor update"). */
    PATCH,
    /** The target is not newer than the current version. */
    NONE;

    /** R4.0-c: only a major update needs a quote. */
    public boolean needsQuote() {
        return this == MAJOR;
    }

    /** A minor update under the contract (MINOR or PATCH). */
    public boolean includedInContract() {
        return this == MINOR || this == PATCH;
    }
}
