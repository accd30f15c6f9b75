package fr.progerance.ops.update.version;

/** Classification of an update from one version to another ({@link UpdateKind}). Pure rules. */
public final class UpdateClassifier {

    private UpdateClassifier() {
    }

    /** {@link UpdateKind#NONE} when {@code to} is not newer than {@code from}. */
    public static UpdateKind classify(PrestaShopVersion from, PrestaShopVersion to) {
        throw new UnsupportedOperationException("helper A");
    }
}
