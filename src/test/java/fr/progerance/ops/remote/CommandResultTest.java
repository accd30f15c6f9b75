package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Command results and the bounded output buffer, without a server. */
@DisplayName("Command results")
class CommandResultTest {

    @Test
    @DisplayName("only exit status 0 is success; -1 means no exit status")
    void succeeded() {
        assertThat(result(0, "", "").succeeded()).isTrue();
        assertThat(result(3, "", "").succeeded()).isFalse();
        assertThat(result(CommandResult.NO_EXIT_STATUS, "", "").succeeded()).isFalse();
        assertThat(result(CommandResult.NO_EXIT_STATUS, "", "").hasExitStatus()).isFalse();
        assertThat(result(255, "", "").hasExitStatus()).isTrue();
    }

    @Test
    @DisplayName("toString gives sizes, never the output")
    void toStringHidesOutput() {
        String text = result(0, "secret-stdout", "secret-stderr").toString();

        assertThat(text).contains("UPTIME", "exitStatus=0", "13 chars").doesNotContain("secret");
    }

    @Test
    @DisplayName("nulls and negative durations are refused")
    void validation() {
        assertThatThrownBy(() -> new CommandResult(null, 0, "", "", Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CommandResult(CommandTemplate.UPTIME, 0, null, "", Duration.ZERO))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CommandResult(CommandTemplate.UPTIME, 0, "", "", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the bounded output keeps the limit, counts the rest and says so on a last line")
    void boundedOutput() {
        BoundedOutput out = new BoundedOutput(10);
        byte[] bytes = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, 4);
        out.write(bytes, 4, 12);
        out.write('!');

        assertThat(out.truncated()).isTrue();
        assertThat(out.totalBytes()).isEqualTo(17);
        assertThat(out.text()).isEqualTo("0123456789\n" + CommandResult.TRUNCATION_NOTICE
                + " 7 more bytes dropped, 10 bytes kept (ops.remote.ssh.max-output)]");
        assertThat(result(0, out.text(), "").outputTruncated()).isTrue();
        assertThat(result(0, "", out.text()).outputTruncated()).isTrue();
    }

    @Test
    @DisplayName("output at the limit is complete and not marked")
    void boundedOutputAtLimit() {
        BoundedOutput out = new BoundedOutput(4);
        out.write("abcd".getBytes(StandardCharsets.UTF_8), 0, 4);

        assertThat(out.truncated()).isFalse();
        assertThat(out.text()).isEqualTo("abcd");
        assertThat(result(0, out.text(), "").outputTruncated()).isFalse();
    }

    @Test
    @DisplayName("a notice followed by more lines is the program's own text, not a truncation")
    void noticeOnlyCountsAsLastLine() {
        String text = "x\n" + CommandResult.TRUNCATION_NOTICE + " whatever]\nmore\n";

        assertThat(result(0, text, "").outputTruncated()).isFalse();
    }

    private static CommandResult result(int exit, String stdout, String stderr) {
        return new CommandResult(CommandTemplate.UPTIME, exit, stdout, stderr, Duration.ofMillis(5));
    }
}
