package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command templates without any server: exact command lines and argument validation. */
@DisplayName("Remote commands are templates, not strings (DESIGN rule 8)")
class CommandTemplateTest {

    @Test
    @DisplayName("each template produces exactly its documented command line")
    void exactCommandLines() {
        assertThat(CommandTemplate.UPTIME.commandLine()).isEqualTo("cat /proc/uptime");
        assertThat(CommandTemplate.LOAD_AVERAGE.commandLine()).isEqualTo("cat /proc/loadavg");
        assertThat(CommandTemplate.DISK_USAGE.commandLine()).isEqualTo("df -P -k");
        assertThat(CommandTemplate.FAILED_SERVICES.commandLine()).isEqualTo("systemctl --failed --no-legend --plain");
        assertThat(CommandTemplate.RESTART_SERVICE.commandLine("nginx.service"))
                .isEqualTo("sudo -n systemctl restart -- 'nginx.service'");
        assertThat(CommandTemplate.REBOOT.commandLine()).isEqualTo("sudo -n systemctl reboot");
        assertThat(CommandTemplate.SERVICE_STATUS.commandLine("php8.2-fpm"))
                .isEqualTo("systemctl is-active -- 'php8.2-fpm'");
    }

    @Test
    @DisplayName("a template without arguments also accepts a null or empty argument array")
    void noArguments() {
        assertThat(CommandTemplate.UPTIME.commandLine((String[]) null)).isEqualTo("cat /proc/uptime");
        assertThat(CommandTemplate.UPTIME.commandLine(new String[0])).isEqualTo("cat /proc/uptime");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommandTemplate.class)
    @DisplayName("the fixed words of every template hold no shell syntax")
    void fixedWordsArePlain(CommandTemplate template) {
        String[] args = new String[template.parameters().size()];
        Arrays.fill(args, "x");
        String line = template.commandLine(args);
        String fixed = line.replace(" 'x'", "");

        assertThat(fixed).matches(CommandTemplate.FIXED_WORDS);
        assertThat(line).doesNotContain(";", "&", "|", "$", "`", ">", "<", "\n", "\"", "\\", "*", "?");
    }

    @Test
    @DisplayName("R4.3-t5: only RESTART_SERVICE and REBOOT change the server")
    void readOnly() {
        assertThat(Arrays.stream(CommandTemplate.values()).filter(t -> !t.readOnly()))
                .containsExactlyInAnyOrder(CommandTemplate.RESTART_SERVICE, CommandTemplate.REBOOT);
        assertThat(Arrays.stream(CommandTemplate.values()).filter(CommandTemplate::mayDropConnection))
                .containsExactly(CommandTemplate.REBOOT);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"nginx", "nginx.service", "php8.2-fpm.service", "getty@tty1.service",
        "systemd-journald.service", "mariadb", "a", "-H", "..", "user@1000.service", "Foo_Bar"})
    @DisplayName("systemd unit names are accepted and single-quoted after --")
    void unitAccepted(String unit) {
        assertThat(CommandTemplate.RESTART_SERVICE.commandLine(unit))
                .isEqualTo("sudo -n systemctl restart -- '" + unit + "'");
        assertThat(CommandTemplate.SERVICE_STATUS.commandLine(unit)).isEqualTo("systemctl is-active -- '" + unit + "'");
    }

    @Test
    @DisplayName("a unit name may have 128 characters, not 129")
    void unitLength() {
        assertThat(CommandTemplate.SERVICE_STATUS.commandLine("a".repeat(128))).endsWith("'" + "a".repeat(128) + "'");
        assertThatThrownBy(() -> CommandTemplate.SERVICE_STATUS.commandLine("a".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(129 characters)");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"nginx; rm -rf /", "$(reboot)", "`reboot`", "${IFS}", "nginx' || reboot '", "'",
        "nginx\"", "nginx\nreboot", "nginx.service\n", "\nnginx", "nginx\r", "nginx\t", "nginx service", " nginx",
        "a|b", "a&b", "a>b", "a<b", "ng*nx", "ng?nx", "a/b", "a\\b", "nginx\u0000", "", "nginx\u00e9",
        "ngin\u0445", "a:b", "a,b", "a=b", "~root", "#x", "!x", "%x", "a(b)", "{a,b}", "[ab]"})
    @DisplayName("anything else is refused, naming the template and the argument")
    void injectionRefused(String unit) {
        for (CommandTemplate template : new CommandTemplate[] {CommandTemplate.RESTART_SERVICE,
            CommandTemplate.SERVICE_STATUS}) {
            assertThatThrownBy(() -> template.commandLine(unit))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(template.name() + " argument 1 (systemd unit name) must match")
                    .hasMessageContaining("[A-Za-z0-9@._-]{1,128}")
                    .hasMessageNotContaining("\n")
                    .hasMessageNotContaining("\r");
        }
    }

    @Test
    @DisplayName("the refused value is shown escaped in the message")
    void refusedValueEscaped() {
        assertThatThrownBy(() -> CommandTemplate.RESTART_SERVICE.commandLine("nginx\nreboot"))
                .hasMessageEndingWith("got \"nginx\\nreboot\"");
        assertThatThrownBy(() -> CommandTemplate.RESTART_SERVICE.commandLine("a\u0000b"))
                .hasMessageEndingWith("got \"a\\u0000b\"");
        assertThatThrownBy(() -> CommandTemplate.RESTART_SERVICE.commandLine((String) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("got null");
    }

    @Test
    @DisplayName("a wrong number of arguments is refused, naming the template")
    void arity() {
        assertThatThrownBy(() -> CommandTemplate.RESTART_SERVICE.commandLine())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RESTART_SERVICE takes 1 argument (systemd unit name), got 0");
        assertThatThrownBy(() -> CommandTemplate.RESTART_SERVICE.commandLine("nginx", "mariadb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RESTART_SERVICE takes 1 argument (systemd unit name), got 2");
        assertThatThrownBy(() -> CommandTemplate.REBOOT.commandLine("now"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("REBOOT takes 0 arguments, got 1");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"plain", "a'b", "''", "$(id)", "`id`", "a\nb", "; rm -rf /", "\\", "*", "$HOME", "\"x\""})
    @DisplayName("single quoting survives a real POSIX shell (second line of defence)")
    void singleQuotingWithRealShell(String value) throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("/bin/sh", "-c", "printf %s " + CommandTemplate.singleQuoted(value))
                .redirectErrorStream(true).start();
        String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).isZero();
        assertThat(printed).isEqualTo(value);
    }

    @Test
    @DisplayName("long values are shortened in messages")
    void printable() {
        assertThat(CommandTemplate.printable("x".repeat(200))).isEqualTo("\"" + "x".repeat(80) + "\" (200 characters)");
        assertThat(CommandTemplate.printable("a\"b\\c\td")).isEqualTo("\"a\\\"b\\\\c\\td\"");
    }
}
