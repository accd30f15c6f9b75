package fr.progerance.ops.contract;

/** Input text clean-up shared by the services. */
final class Text {

    private Text() {
    }

    /** Trimmed, or null when absent or blank. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String trimmed = s.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
