package fr.progerance.ops.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DESIGN "dependencies point one way": notify is shared, so it imports neither the register
 * ({@code contract}) nor an obligation package, and keeps Camunda in its one correlator.
 */
class NotifyDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/fr/progerance/ops/notify");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?fr\\.progerance\\.ops\\.(contract|incident|billing|backup|update|monitoring)\\b.*",
            Pattern.MULTILINE);
    private static final Pattern CAMUNDA = Pattern.compile("^import\\s+(static\\s+)?org\\.camunda\\..*", Pattern.MULTILINE);

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    @DisplayName("notify imports no obligation package and not the contract register")
    void noObligationImports() throws IOException {
        assertThat(sources()).isNotEmpty().allSatisfy(file ->
                assertThat(FORBIDDEN.matcher(Files.readString(file)).find()).as("%s", file).isFalse());
    }

    @Test
    @DisplayName("Only DecisionCorrelator uses Camunda's API")
    void camundaOnlyInTheCorrelator() throws IOException {
        List<String> users = sources().stream().filter(file -> {
            try {
                return CAMUNDA.matcher(Files.readString(file)).find();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(p -> p.getFileName().toString()).toList();
        assertThat(users).containsExactly("DecisionCorrelator.java");
    }
}
