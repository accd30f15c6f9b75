package fr.progerance.ops.remote;

/**
 * A command that changes a server ran and exited non-zero (DESIGN rule 13: failure is failure). It
 * is retryable: the job retries on its schedule, then becomes a Camunda incident whose message is
 * this one (template, host, exit status and the command's first error line).
 */
public class RemoteCommandFailedException extends RemoteException {

    private static final long serialVersionUID = 1L;

    private final transient CommandResult result;

    public RemoteCommandFailedException(String message, CommandResult result) {
        super(message);
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }
}
