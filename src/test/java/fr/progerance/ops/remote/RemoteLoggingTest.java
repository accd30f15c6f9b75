package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What the executor writes to the log: who, what, how it ended; never output, keys or passphrases. */
@DisplayName("SSH logging names the target, the template, the exit status and the duration only (DESIGN rule 6)")
@ExtendWith(OutputCaptureExtension.class)
class RemoteLoggingTest {

    private static final String PASSPHRASE = "passphrase-MARKER-7731";
    private static final String OUTPUT = "stdout-MARKER-4242";
    private static final String ERRORS = "stderr-MARKER-9090";

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    Path tempDir;

    @Test
    @DisplayName("a run is logged with host, template, exit status and duration, without its output or secrets")
    void runLogged(CapturedOutput log) throws IOException {
        Path key = SSH.writeClientKey(tempDir.resolve("id_encrypted"), PASSPHRASE);
        Path passphrase = Files.writeString(tempDir.resolve("passphrase"), PASSPHRASE + "\n");
        SSH.respond("cat /proc/uptime", 0, OUTPUT + "\n", ERRORS + "\n");
        JschRemoteExecutor executor = new JschRemoteExecutor(
                SSH.clientSettings().withPrivateKey(key).withPassphraseFile(passphrase));

        CommandResult result = executor.run(SSH.target(), CommandTemplate.UPTIME);

        assertThat(result.stdout()).contains(OUTPUT);
        assertThat(log.getOut() + log.getErr())
                .contains("SSH UPTIME on ops@127.0.0.1:" + SSH.port() + ": exit status 0 in ")
                .doesNotContain(OUTPUT, ERRORS, PASSPHRASE)
                .doesNotContain(keyBody(key));
    }

    @Test
    @DisplayName("a refused key is logged as an error naming both fingerprints")
    void mismatchLogged(CapturedOutput log) {
        String pinned = SSH.hostKeyFingerprint();
        String presented = SSH.rotateHostKey();

        assertThatThrownBy(() -> SSH.executor().run(SSH.targetPinning(pinned), CommandTemplate.UPTIME))
                .isInstanceOf(HostKeyMismatchException.class);
        assertThat(log.getOut() + log.getErr()).contains("ERROR", "SSH UPTIME on ops@127.0.0.1", pinned, presented);
    }

    /** A line from the middle of the private key file's base64 body. */
    private static String keyBody(Path key) throws IOException {
        String[] lines = Files.readString(key, StandardCharsets.US_ASCII).split("\n");
        return lines[lines.length / 2];
    }
}
