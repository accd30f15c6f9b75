package fr.progerance.ops.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * What a streamed remote command did ({@link RemoteStreams}): its exit status, how many bytes went
 * through the stream, and its standard error (kept to {@code ops.remote.ssh.max-output} bytes).
 *
 * @param template the template that ran
 * @param exitStatus the exit status, or {@link CommandResult#NO_EXIT_STATUS} when the server sent none
 *     (the connection dropped: the stream is then incomplete)
 * @param bytes bytes read from the remote stdout ({@code pipeFrom}) or written to the remote stdin
 *     ({@code pipeTo})
 * @param stderr standard error, decoded as UTF-8
 * @param took from the start of the connection to the end of the command
 */
public record StreamResult(StreamTemplate template, int exitStatus, long bytes, String stderr, Duration took) {

    public StreamResult {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(took, "took");
    }

    /** Whether the command exited with status 0. */
    public boolean succeeded() {
        return exitStatus == 0;
    }

    @Override
    public String toString() {
        return "StreamResult[" + template + ", exitStatus=" + exitStatus + ", bytes=" + bytes + ", stderr="
                + stderr.length() + " chars, took=" + took.toMillis() + " ms]";
    }
}
