package fr.progerance.ops.backup.restic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Source-level rules of the restic wrapper and the client repositories (tests run from the project directory). */
@DisplayName("backup.restic and backup.repository: no engine, no shell, no password on a command line")
class ResticPackageRulesTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java/fr/progerance/ops/backup/restic"),
            Path.of("src/main/java/fr/progerance/ops/backup/repository"));

    @Test
    @DisplayName("no org.camunda import (DESIGN: the engine stays at the edges)")
    void noEngineImports() {
        Pattern camunda = Pattern.compile("^import\\s+(static\\s+)?org\\.camunda\\b", Pattern.MULTILINE);
        assertThat(javaFiles()).isNotEmpty()
                .allSatisfy(file -> assertThat(read(file)).as(file.toString()).doesNotContainPattern(camunda));
    }

    @Test
    @DisplayName("restic is never run through a shell, and the password only ever goes by file")
    void noShellNoPasswordVariable() {
        Pattern shell = Pattern.compile("\"(/bin/)?(ba)?sh\"|\"-c\"");
        Pattern passwordVariable = Pattern.compile("\"RESTIC_PASSWORD(_COMMAND)?\"|--password-command");
        assertThat(javaFiles()).allSatisfy(file -> assertThat(read(file)).as(file.toString())
                .doesNotContainPattern(shell).doesNotContainPattern(passwordVariable));
    }

    @Test
    @DisplayName("--no-lock only for reading the config and the lock files, never for a write")
    void noLockOnlyForReads() {
        String source = read(SOURCES.get(0).resolve("ProcessRestic.java"));
        List<String> uses = source.lines().filter(line -> line.contains("\"--no-lock\"")).toList();
        assertThat(uses).isNotEmpty().allSatisfy(line -> assertThat(line)
                .containsAnyOf("List.of(\"cat\", \"config\"", "List.of(\"list\", \"locks\"", "List.of(\"cat\", \"lock\""));
    }

    private static List<Path> javaFiles() {
        return SOURCES.stream().flatMap(dir -> {
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(file -> file.toString().endsWith(".java")).toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
