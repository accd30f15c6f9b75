package fr.progerance.ops.backup.handler;

import fr.progerance.ops.backup.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;

/**
 * Runs one piece of scheduled work per client repository: a failing repository does not stop the
 * others, and the job fails at the end with every repository's problem (then retries, then an
 * incident and a mail to ops).
 */
final class ScheduledJobs {

    private static final int MAX_MESSAGE = 900;

    private ScheduledJobs() {
    }

    static void perClient(String what, List<Long> clients, LongConsumer work, Logger log) {
        List<String> problems = new ArrayList<>();
        for (long clientId : clients) {
            try {
                work.accept(clientId);
            } catch (RuntimeException e) {
                log.warn("{} of client {} failed: {}", what, clientId, Failures.message(e));
                problems.add("client " + clientId + ": " + Failures.message(e));
            }
        }
        if (!problems.isEmpty()) {
            String message = what + " failed for " + problems.size() + " of " + clients.size() + " repositories: "
                    + String.join("; ", problems);
            throw new IllegalStateException(message.length() <= MAX_MESSAGE ? message
                    : message.substring(0, MAX_MESSAGE - 1) + "…");
        }
    }
}
