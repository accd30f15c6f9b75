package fr.progerance.ops.remote;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams a remote command's standard output here, or data from here into a remote command's
 * standard input, over SSH with the pinned host key (backups and restores, R3.6). Only
 * {@link StreamTemplate}s run; their arguments are validated before any connection.
 */
public interface RemoteStreams {

    /**
     * Runs the template and copies its standard output into {@code sink} until the command ends.
     * The sink is not closed. A dropped connection gives {@link CommandResult#NO_EXIT_STATUS}.
     *
     * @throws RemoteException as {@link RemoteExecutor#run} does, and when writing to the sink fails
     */
    StreamResult pipeFrom(SshTarget target, StreamTemplate template, OutputStream sink, String... args);

    /**
     * Runs the template with {@code source} copied to its standard input (closed at the source's
     * end), and waits for the command to finish.
     */
    StreamResult pipeTo(SshTarget target, StreamTemplate template, InputStream source, String... args);
}
