package fr.progerance.ops.remote;

/**
 * DESIGN rule 8 for streamed commands (backups and restores, R3.6-b): a fixed command line plus
 * arguments validated against a strict pattern and single-quoted, as {@link CommandTemplate}.
 * Each template says whether its stream is the command's output (backup) or its input (restore).
 *
 * <p>Placeholder: the remote streaming work fills in the templates and their patterns.
 */
public enum StreamTemplate {
    ;

    /** The exact command line sent to the server. */
    public String commandLine(String... args) {
        throw new UnsupportedOperationException("not yet");
    }
}
