package fr.progerance.ops.remote;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remote actions that change a server, each run at most once per operation key (DESIGN rule 4).
 *
 * <p>The operation record is committed in its own short transaction <em>before</em> the command
 * is sent, and the result right after, so a job whose own transaction fails after the command
 * (a commit failure, a crash) finds on retry what was done:
 * <ul>
 *   <li>{@code DONE}: the stored result is returned, nothing is sent;</li>
 *   <li>{@code SENDING} (sent, result lost): the effect is checked first. A reboot is done when the
 *       server's boot time is after the send; before {@code ops.remote.operations.reboot-grace} the
 *       retry waits (a retryable failure), after it the reboot never happened and is sent again. A
 *       restart is done when the unit is active; otherwise it is sent again;</li>
 *   <li>{@code FAILED} (ran, exited non-zero) or {@code NOT_SENT} (never reached the server): sent
 *       again, as a new attempt.</li>
 * </ul>
 * A non-zero exit status is a failure (DESIGN rule 13): the record says FAILED and
 * {@link RemoteCommandFailedException} is thrown, so the job retries and then raises a Camunda
 * incident with a readable message. A reboot whose connection drops without an exit status is
 * the expected end of a reboot.
 */
@Component
public class RemoteOperations {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteOperations.class);

    private final RemoteOperationRepository operations;
    private final RemoteExecutor executor;
    private final TransactionTemplate own;
    private final Clock clock;
    private final RemoteOperationSettings settings;

    public RemoteOperations(RemoteOperationRepository operations, RemoteExecutor executor,
            PlatformTransactionManager transactionManager, Clock clock, RemoteOperationSettings settings) {
        this.operations = operations;
        this.executor = executor;
        this.own = new TransactionTemplate(transactionManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.settings = settings;
    }

    /** What {@link #runOnce} did. */
    public record Outcome(CommandResult result, boolean sentNow, int attempts, String note) {

        /** One line for a timeline: the template, the exit status, and how the outcome was known. */
        public String describe() {
            String text = result.template() + ": " + (result.hasExitStatus() ? "exit status " + result.exitStatus()
                    : "connection closed by the server");
            return note == null ? text : text + " (" + note + ")";
        }
    }

    /**
     * Runs {@code template} on {@code target} unless the operation {@code key} already did.
     *
     * @throws RemoteCommandFailedException the command ran and exited non-zero (retryable)
     * @throws RemoteException              the server could not be reached or the outcome of an
     *                                      earlier send is not known yet (retryable), or the host
     *                                      key changed (never retried)
     * @throws IllegalArgumentException     the key was used for another server or command
     */
    public Outcome runOnce(String key, SshTarget target, CommandTemplate template, String... args) {
        Objects.requireNonNull(key, "key");
        String arguments = String.join(" ", args);
        RemoteOperation op = own.execute(s -> operations.findByOperationKey(key)
                .orElseGet(() -> operations.saveAndFlush(new RemoteOperation(key, target.host(), template, arguments))));
        if (!op.getHost().equals(target.host()) || op.getTemplate() != template
                || !Objects.equals(op.getArguments(), arguments)) {
            throw new IllegalArgumentException("Operation " + key + " was recorded for " + op.getTemplate() + " on "
                    + op.getHost() + ", not " + template + " on " + target.host());
        }
        switch (op.getStatus()) {
            case DONE -> {
                LOG.info("{} already done ({} attempt(s)): not sent again", op, op.getAttempts());
                return new Outcome(op.result(), false, op.getAttempts(), "already done, not sent again");
            }
            case SENDING -> {
                String effect = verifyEffect(op, target, args);
                if (effect != null) {
                    own.executeWithoutResult(s -> operations.findById(op.getId()).orElseThrow()
                            .verified(effect, clock.instant()));
                    LOG.info("{}: result lost, effect verified: {}", op, effect);
                    return new Outcome(operations.findById(op.getId()).map(RemoteOperation::result).orElseThrow(),
                            false, op.getAttempts(), effect);
                }
            }
            default -> {
                // NOT_SENT, FAILED: a new attempt
            }
        }
        return send(op, target, template, args);
    }

    private Outcome send(RemoteOperation op, SshTarget target, CommandTemplate template, String... args) {
        int attempt = own.execute(s -> {
            RemoteOperation o = operations.findById(op.getId()).orElseThrow();
            o.sending(clock.instant());
            return o.getAttempts();
        });
        CommandResult result;
        try {
            result = executor.run(target, template, args);
        } catch (UnreachableServerException | RemoteAuthenticationException | HostKeyMismatchException e) {
            // Refused before any command was sent: the retry may send.
            own.executeWithoutResult(s -> operations.findById(op.getId()).orElseThrow().notSent());
            throw e;
        }
        boolean done = result.succeeded() || (template.mayDropConnection() && !result.hasExitStatus());
        own.executeWithoutResult(s -> operations.findById(op.getId()).orElseThrow()
                .finished(result, done, clock.instant()));
        if (!done) {
            throw new RemoteCommandFailedException(template + (args.length == 0 ? "" : " " + Arrays.toString(args))
                    + " on " + target.describe() + " failed with exit status " + result.exitStatus()
                    + firstLine(result.stderr()) + " (attempt " + attempt + ", operation " + op.getOperationKey() + ")",
                    result);
        }
        return new Outcome(result, true, attempt, attempt > 1 ? "attempt " + attempt : null);
    }

    /**
     * For an operation sent whose result was lost: a description of its effect when it took
     * effect, null when it did not (send again).
     *
     * @throws RemoteException it may still be taking effect (a reboot within its grace): retry later
     */
    private String verifyEffect(RemoteOperation op, SshTarget target, String... args) {
        Duration sinceSent = Duration.between(op.getSentAt(), clock.instant());
        switch (op.getTemplate()) {
            case REBOOT -> {
                CommandResult uptime = executor.run(target, CommandTemplate.UPTIME);
                Duration up = uptime(uptime);
                if (up != null && up.compareTo(sinceSent) < 0) {
                    return "rebooted: up for " + up.toSeconds() + " s, the reboot was sent " + sinceSent.toSeconds()
                            + " s ago";
                }
                if (sinceSent.compareTo(settings.rebootGrace()) < 0) {
                    throw new RemoteException("Reboot of " + target.describe() + " was sent " + sinceSent.toSeconds()
                            + " s ago and the server has not rebooted yet (up for "
                            + (up == null ? "?" : up.toSeconds() + " s") + "): checking again on retry, never"
                            + " sending a second reboot within " + settings.rebootGrace());
                }
                LOG.warn("{}: no reboot seen {} after it was sent: sending it again", op, sinceSent);
                return null;
            }
            case RESTART_SERVICE -> {
                CommandResult status = executor.run(target, CommandTemplate.SERVICE_STATUS, args);
                return status.succeeded() ? "the unit is active again: the restart took effect" : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** The first field of {@code /proc/uptime}: seconds since boot; null when unreadable. */
    static Duration uptime(CommandResult result) {
        if (!result.succeeded()) {
            return null;
        }
        String[] fields = result.stdout().strip().split("\\s+");
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(fields[0]) * 1000));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static String firstLine(String stderr) {
        if (stderr == null || stderr.isBlank()) {
            return "";
        }
        String line = stderr.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 300 ? line.substring(0, 300) + "..." : line);
    }
}
