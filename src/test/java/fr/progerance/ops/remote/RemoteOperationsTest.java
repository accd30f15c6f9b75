package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DESIGN rule 4: remote actions that change a server run at most once per operation key, with the
 * real operation records and a scripted server at the remote port. The states a crash leaves
 * (sent, result lost) are set on the record, then the retry is watched: a reboot is judged by the
 * server's boot time, a restart by the unit's state. The commit-failure path against a real SSH
 * server is in {@code IncidentEndToEndTest}.
 */
@OpsSpringBootTest
@DisplayName("DESIGN rules 4 and 13: remote actions run once, and a non-zero exit is a failure")
class RemoteOperationsTest {

    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");

    @Autowired
    RemoteOperations operations;
    @Autowired
    RemoteOperationRepository records;
    @Autowired
    fr.progerance.ops.TestPeers.SwitchableRemote remote;
    @Autowired
    MovableClock clock;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    RemoteOperationSettings settings;

    private final SshTarget target = SshTarget.of("web-01.example.net", "ops",
            "SHA256:wCaPWU2z/Ojowy76wdXINnbShxM8kt3oP5DG5jhYqQY");
    private ScriptedRemote server;
    private String key;

    @BeforeEach
    void setUp() {
        server = new ScriptedRemote();
        remote.use(server);
        clock.set(T0);
        key = "test:" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        remote.useReal();
        clock.reset();
    }

    @Test
    @DisplayName("Done once: the same key returns the stored result and sends nothing")
    void doneIsNotSentAgain() {
        RemoteOperations.Outcome first = operations.runOnce(key, target, CommandTemplate.RESTART_SERVICE, "nginx");
        RemoteOperations.Outcome again = operations.runOnce(key, target, CommandTemplate.RESTART_SERVICE, "nginx");
        assertThat(first.sentNow()).isTrue();
        assertThat(again.sentNow()).isFalse();
        assertThat(again.result().exitStatus()).isZero();
        assertThat(server.count(CommandTemplate.RESTART_SERVICE)).isEqualTo(1);
        assertThat(record().getStatus()).isEqualTo(RemoteOperation.Status.DONE);
    }

    @Test
    @DisplayName("DESIGN rule 13: a non-zero exit is a failure with a readable message; the retry is a new attempt")
    void nonZeroExitFails() {
        server.answer(CommandTemplate.RESTART_SERVICE, 5, "");
        assertThatThrownBy(() -> operations.runOnce(key, target, CommandTemplate.RESTART_SERVICE, "nginx"))
                .isInstanceOf(RemoteCommandFailedException.class)
                .hasMessageContaining("RESTART_SERVICE [nginx]").hasMessageContaining("exit status 5")
                .hasMessageContaining("Job failed").hasMessageContaining("attempt 1");
        assertThat(record().getStatus()).isEqualTo(RemoteOperation.Status.FAILED);
        server.answer(CommandTemplate.RESTART_SERVICE, 0, "");
        RemoteOperations.Outcome retried = operations.runOnce(key, target, CommandTemplate.RESTART_SERVICE, "nginx");
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(record().getStatus()).isEqualTo(RemoteOperation.Status.DONE);
    }

    @Test
    @DisplayName("A reboot whose result was lost is done when the server booted after it was sent: no second reboot")
    void lostRebootSeenInTheBootTime() {
        sentAndLost(CommandTemplate.REBOOT, "", T0);
        clock.set(T0.plus(Duration.ofMinutes(3)));
        server.answer(CommandTemplate.UPTIME, 0, "95.20 180.00\n"); // up for 95 s: booted after the send
        RemoteOperations.Outcome outcome = operations.runOnce(key, target, CommandTemplate.REBOOT);
        assertThat(outcome.sentNow()).isFalse();
        assertThat(outcome.note()).contains("rebooted");
        assertThat(server.count(CommandTemplate.REBOOT)).isZero();
        assertThat(record().getStatus()).isEqualTo(RemoteOperation.Status.DONE);
    }

    @Test
    @DisplayName("A reboot whose result was lost and that has not happened yet waits within its grace, and is sent again after it")
    void lostRebootNotSeenYet() {
        sentAndLost(CommandTemplate.REBOOT, "", T0);
        server.answer(CommandTemplate.UPTIME, 0, "86400.00 172800.00\n"); // up for a day: no reboot
        clock.set(T0.plus(Duration.ofMinutes(2)));
        assertThatThrownBy(() -> operations.runOnce(key, target, CommandTemplate.REBOOT))
                .isInstanceOf(RemoteException.class).hasMessageContaining("has not rebooted yet")
                .hasMessageContaining("never sending a second reboot");
        assertThat(server.count(CommandTemplate.REBOOT)).isZero();

        clock.set(T0.plus(settings.rebootGrace()).plusSeconds(1));
        RemoteOperations.Outcome outcome = operations.runOnce(key, target, CommandTemplate.REBOOT);
        assertThat(outcome.sentNow()).isTrue();
        assertThat(server.count(CommandTemplate.REBOOT)).isEqualTo(1);
        assertThat(record().getAttempts()).isEqualTo(2);
    }

    @Test
    @DisplayName("A restart whose result was lost is done when the unit is active; sent again when it is not")
    void lostRestartJudgedByTheUnit() {
        sentAndLost(CommandTemplate.RESTART_SERVICE, "php8.2-fpm", T0);
        RemoteOperations.Outcome active = operations.runOnce(key, target, CommandTemplate.RESTART_SERVICE, "php8.2-fpm");
        assertThat(active.sentNow()).isFalse();
        assertThat(server.count(CommandTemplate.RESTART_SERVICE)).isZero();

        key = "test:" + UUID.randomUUID();
        sentAndLost(CommandTemplate.RESTART_SERVICE, "php8.2-fpm", T0);
        server.answer(CommandTemplate.SERVICE_STATUS, 3, "failed\n");
        RemoteOperations.Outcome resent = operations.runOnce(key, target, CommandTemplate.RESTART_SERVICE, "php8.2-fpm");
        assertThat(resent.sentNow()).isTrue();
        assertThat(server.count(CommandTemplate.RESTART_SERVICE)).isEqualTo(1);
    }

    @Test
    @DisplayName("A server that refused the connection got nothing: the retry sends")
    void unreachableIsNotSent() {
        server.answer(CommandTemplate.REBOOT, args -> {
            throw new UnreachableServerException("connection refused", null);
        });
        assertThatThrownBy(() -> operations.runOnce(key, target, CommandTemplate.REBOOT))
                .isInstanceOf(UnreachableServerException.class);
        assertThat(record().getStatus()).isEqualTo(RemoteOperation.Status.NOT_SENT);
        server.answer(CommandTemplate.REBOOT, CommandResult.NO_EXIT_STATUS, "");
        assertThat(operations.runOnce(key, target, CommandTemplate.REBOOT).sentNow()).isTrue();
    }

    @Test
    @DisplayName("An operation key names one action on one server")
    void keyIsBoundToItsAction() {
        operations.runOnce(key, target, CommandTemplate.RESTART_SERVICE, "nginx");
        assertThatThrownBy(() -> operations.runOnce(key, target, CommandTemplate.RESTART_SERVICE, "mariadb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
    }

    /** What a crash between the send and the saved result leaves: SENDING since {@code at}. */
    private void sentAndLost(CommandTemplate template, String arguments, Instant at) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            RemoteOperation op = records.saveAndFlush(new RemoteOperation(key, target.host(), template, arguments));
            op.sending(at);
        });
    }

    private RemoteOperation record() {
        return records.findByOperationKey(key).orElseThrow();
    }
}
