package fr.progerance.ops.remote;

/**
 * Runs one command template on one server over SSH and reports what the command did.
 * Implementations are thread-safe.
 */
public interface RemoteExecutor {

    /**
     * Validates the arguments, connects with the pinned host key, runs the template's command line
     * and waits for it to finish.
     *
     * @param target where to connect, with the pinned host key fingerprint
     * @param template the command to run
     * @param args the template's arguments, validated before any connection
     * @return what the command did, whatever its exit status
     * @throws IllegalArgumentException if an argument is missing, extra or does not match its pattern
     *     (nothing is sent)
     * @throws HostKeyMismatchException if the server's key is not the pinned one (never retry)
     * @throws UnreachableServerException if the server cannot be reached
     * @throws RemoteAuthenticationException if the server refuses the client key
     * @throws CommandTimeoutException if the command does not finish in time
     * @throws RemoteException on any other technical failure, including unusable client settings
     */
    CommandResult run(SshTarget target, CommandTemplate template, String... args) throws RemoteException;
}
