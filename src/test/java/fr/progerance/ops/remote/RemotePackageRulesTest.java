package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Source-level rules of the remote package (tests run from the project directory). */
@DisplayName("remote is a shared package with strict host key checking only (DESIGN rules 8 and Shape)")
class RemotePackageRulesTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java/fr/progerance/ops/remote");

    /** Built from pieces so that this file does not contain the text it forbids. */
    private static final Pattern HOST_KEY_CHECKING_OFF = Pattern.compile(
            "Strict" + "HostKey" + "Checking\\W{0,6}" + "no\\b", Pattern.CASE_INSENSITIVE);

    @Test
    @DisplayName("remote imports no obligation package, not the contract register, not the engine")
    void sharedPackageDependencies() {
        Pattern forbidden = Pattern.compile("^import\\s+(static\\s+)?(fr\\.progerance\\.ops\\.(contract|incident|billing"
                + "|backup|update|monitoring)\\b|org\\.camunda\\b)", Pattern.MULTILINE);

        assertThat(javaFiles(MAIN_SOURCES)).isNotEmpty().allSatisfy(file ->
                assertThat(read(file)).as(file.toString()).doesNotContainPattern(forbidden));
    }

    @Test
    @DisplayName("host key checking is never switched off anywhere in the application")
    void strictHostKeyCheckingNeverOff() {
        List<Path> files = Stream.of(Path.of("src/main"), Path.of("processes"))
                .filter(Files::isDirectory)
                .flatMap(RemotePackageRulesTest::allFiles)
                .toList();

        assertThat(files).isNotEmpty().allSatisfy(file ->
                assertThat(read(file)).as(file.toString()).doesNotContainPattern(HOST_KEY_CHECKING_OFF));
    }

    @Test
    @DisplayName("the executor asks for strict checking explicitly")
    void executorAsksForStrictChecking() {
        assertThat(read(MAIN_SOURCES.resolve("JschRemoteExecutor.java")))
                .contains("setConfig(\"StrictHostKeyChecking\", \"yes\")");
        // The guard itself recognises the usual spellings.
        assertThat(HOST_KEY_CHECKING_OFF.matcher("-o Strict" + "HostKeyChecking=" + "no").find()).isTrue();
        assertThat(HOST_KEY_CHECKING_OFF.matcher("setConfig(\"Strict" + "HostKeyChecking\", \"" + "no\")").find())
                .isTrue();
        assertThat(HOST_KEY_CHECKING_OFF.matcher("setConfig(\"Strict" + "HostKeyChecking\", \"yes\")").find())
                .isFalse();
    }

    private static List<Path> javaFiles(Path directory) {
        return allFiles(directory).filter(file -> file.toString().endsWith(".java")).toList();
    }

    private static Stream<Path> allFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
