package fr.progerance.ops.update.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

@DisplayName("RD-ps, R4.0-b, R4.0-c: the catalogue proposes the newest included update, security first, majors apart")
class FileReleaseCatalogueTest {

    private static FileReleaseCatalogue bundled;

    @TempDir
    Path dir;

    @BeforeAll
    static void readBundled() throws Exception {
        bundled = new FileReleaseCatalogue(ReleaseCatalogueFileTest.bundled());
    }

    private static PrestaShopVersion v(String text) {
        return PrestaShopVersion.parse(text);
    }

    private static Release release(String version, String date, boolean security) {
        return new Release(v(version), LocalDate.parse(date), security, "https://example.org/" + version);
    }

    @ParameterizedTest(name = "RD-ps: a shop at {0} is offered {1} (security {2})")
    @CsvSource(delimiter = '|', value = {
            "1.7.6.9   | 1.7.8.11 | true  | 1.7.8.x are minors of 1.7; several of them fix advisories",
            "1.7.8.10  | 1.7.8.11 | true  | 1.7.8.11 fixes GHSA-xgpm-q3mq-46rq",
            "8.0.4     | 8.2.6    | true  | 8.0.5 to 8.2.6: several security releases on the way",
            "8.1.5     | 8.2.6    | true  | 8.1.6 was a security release",
            "8.2.5     | 8.2.6    | true  | 8.2.6 fixes GHSA-w9f3-qc75-qgx9",
            "9.0.0     | 9.0.3    | true  | 9.0.3 fixes GHSA-67v7-3g49-mxh2",
            "9.0.2     | 9.0.3    | true  | only 9.0.3 is newer",
            "8.2.0     | 8.2.6    | true  | 8.2.3 onwards fix advisories",
            "8.2.5-1   | 8.2.6    | true  | a packaged 8.2.5 is 8.2.5",
            "9.0.0-rc.1 | 9.0.3   | true  | the release and its patches are newer than the candidate"
    })
    void minorUpdate(String current, String offered, boolean security, String why) {
        Optional<Release> update = bundled.minorUpdateFor(v(current));
        assertThat(update).as(why).isPresent();
        assertThat(update.get().version()).isEqualTo(v(offered));
        assertThat(update.get().security()).as(why).isEqualTo(security);
        Release listed = bundled.release(v(offered)).orElseThrow();
        assertThat(update.get().publishedOn()).isEqualTo(listed.publishedOn());
        assertThat(update.get().source()).isEqualTo(listed.source());
    }

    @ParameterizedTest(name = "RD-ps: a shop at {0} has no minor update in the catalogue")
    @CsvSource({"1.7.8.11", "8.2.6", "9.0.3", "9.1.0", "10.0.0"})
    void noMinorUpdate(String current) {
        assertThat(bundled.minorUpdateFor(v(current))).isEmpty();
    }

    @ParameterizedTest(name = "R4.0-c: a shop at {0} may be offered the major {1}, quoted first")
    @CsvSource(delimiter = '|', value = {
            "1.7.8.11 | 9.0.3",
            "1.7.6.9  | 9.0.3",
            "8.0.4    | 9.0.3",
            "8.2.6    | 9.0.3",
            "9.0.0    | NONE",
            "9.0.3    | NONE"
    })
    void majorUpdate(String current, String offered) {
        Optional<Release> major = bundled.majorUpdateFor(v(current));
        if (offered.equals("NONE")) {
            assertThat(major).isEmpty();
        } else {
            assertThat(major).map(Release::version).contains(v(offered));
            assertThat(UpdateClassifier.classify(v(current), major.get().version())).isEqualTo(UpdateKind.MAJOR);
        }
    }

    @Test
    @DisplayName("R4.0-b: security is true when ANY release on the way fixes advisories, even if the newest does not")
    void securityOnTheWay() {
        FileReleaseCatalogue catalogue = new FileReleaseCatalogue(List.of(
                release("8.1.7", "2024-06-24", false),
                release("8.1.5", "2024-03-19", false),
                release("8.1.6", "2024-05-15", true),
                release("9.0.0", "2025-06-10", false)));
        assertThat(catalogue.releases()).extracting(r -> r.version().text())
                .containsExactly("8.1.5", "8.1.6", "8.1.7", "9.0.0");

        Release fromOld = catalogue.minorUpdateFor(v("8.1.4")).orElseThrow();
        assertThat(fromOld.version()).isEqualTo(v("8.1.7"));
        assertThat(fromOld.security()).as("8.1.6 on the way").isTrue();
        assertThat(fromOld.publishedOn()).as("the newest's own date").isEqualTo(LocalDate.of(2024, 6, 24));
        assertThat(catalogue.release(v("8.1.7")).orElseThrow().security()).as("the listed row is unchanged").isFalse();

        Release fromSix = catalogue.minorUpdateFor(v("8.1.6")).orElseThrow();
        assertThat(fromSix.version()).isEqualTo(v("8.1.7"));
        assertThat(fromSix.security()).as("8.1.6 is already applied").isFalse();

        assertThat(catalogue.between(v("8.1.4"), v("8.1.7"))).extracting(r -> r.version().text())
                .containsExactly("8.1.5", "8.1.6", "8.1.7");
        assertThat(catalogue.between(v("8.1.4"), v("8.1.7")).stream().filter(Release::security).findFirst())
                .map(Release::publishedOn).as("R4.0-b: the delay of the security fix starts here")
                .contains(LocalDate.of(2024, 5, 15));
        assertThat(catalogue.between(v("8.1.7"), v("8.1.6"))).isEmpty();
        assertThat(catalogue.between(v("8.1.7"), v("9.0.0"))).extracting(r -> r.version().text()).containsExactly("9.0.0");
    }

    @Test
    @DisplayName("release(v) finds exactly that release, whatever its package suffix; not a pre-release of it")
    void release() {
        assertThat(bundled.release(v("8.1.6"))).map(Release::security).contains(true);
        assertThat(bundled.release(v("v8.1.6+build2"))).map(r -> r.version().text()).contains("8.1.6");
        assertThat(bundled.release(v("8.1.6-rc.1"))).isEmpty();
        assertThat(bundled.release(v("8.1.8"))).isEmpty();
        assertThat(bundled.release(v("1.7.8"))).map(r -> r.version().text()).contains("1.7.8.0");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReleaseCatalogueSettings.class)
    static class CatalogueOnly {
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withUserConfiguration(CatalogueOnly.class, FileReleaseCatalogue.class);
    }

    @Test
    @DisplayName("RD-ps: by default the bean reads the bundled, sourced file (ops.update.catalogue.location)")
    void defaultLocation() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ReleaseCatalogueSettings.class).location())
                    .isEqualTo("classpath:update/prestashop-releases.csv");
            assertThat(context.getBean(ReleaseCatalogue.class).releases()).hasSize(37);
        });
    }

    @Test
    @DisplayName("another file can be configured")
    void otherFile() throws Exception {
        Path file = dir.resolve("mine.csv");
        Files.writeString(file, ReleaseCatalogueFile.HEADER + "\n9.1.0;2026-03-23;true;https://example.org/9.1.0\n",
                StandardCharsets.UTF_8);
        runner().withPropertyValues("ops.update.catalogue.location=file:" + file).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ReleaseCatalogue.class).releases()).hasSize(1);
            assertThat(context.getBean(ReleaseCatalogue.class).minorUpdateFor(v("9.0.3")))
                    .map(r -> r.version().text()).contains("9.1.0");
            assertThat(context.getBean(ReleaseCatalogue.class).majorUpdateFor(v("8.2.6")))
                    .map(r -> r.version().text()).contains("9.1.0");
        });
    }

    @Test
    @DisplayName("a bad row stops the start, naming the file and the line")
    void badRowStopsTheStart() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "# mine\n" + ReleaseCatalogueFile.HEADER + "\n8.1.6;2024-05-15;true;https://x.org\n"
                + "8.1.7;2024-06-24;maybe;https://x.org\n", StandardCharsets.UTF_8);
        runner().withPropertyValues("ops.update.catalogue.location=file:" + file).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(ReleaseCatalogueFile.InvalidReleaseCatalogueException.class)
                    .hasMessage("Release catalogue file:" + file + ", line 4: security is true or false, found 'maybe'"
                            + " (setting ops.update.catalogue.location)");
        });
    }

    @Test
    @DisplayName("a missing file or a blank setting stops the start")
    void missingFile() {
        runner().withPropertyValues("ops.update.catalogue.location=file:" + dir.resolve("none.csv")).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("none.csv does not exist")
                    .hasMessageContaining("ops.update.catalogue.location");
        });
        runner().withPropertyValues("ops.update.catalogue.location= ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("location");
        });
    }
}
