package fr.progerance.ops.update.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.update.version.ReleaseCatalogueFile.InvalidReleaseCatalogueException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RD-ps, R4.0-b: the release catalogue file: every row sourced, a bad row names its line")
class ReleaseCatalogueFileTest {

    private static final String HEADER = ReleaseCatalogueFile.HEADER + "\n";
    private static final Pattern GHSA = Pattern.compile("GHSA(-[23456789cfghjmpqrvwx]{4}){3}");

    private static List<Release> parse(String text) {
        return ReleaseCatalogueFile.parse("releases.csv", new StringReader(text));
    }

    static List<Release> bundled() throws Exception {
        try (Reader reader = new InputStreamReader(
                ReleaseCatalogueFileTest.class.getResourceAsStream("/update/prestashop-releases.csv"),
                StandardCharsets.UTF_8)) {
            return ReleaseCatalogueFile.parse("prestashop-releases.csv", reader);
        }
    }

    @Test
    @DisplayName("RD-ps: the bundled file lists 1.7.8.x, 8.0.x, 8.1.x, 8.2.x and 9.0.x without gaps, in version order")
    void bundledBranches() throws Exception {
        List<Release> releases = bundled();
        Map<String, List<String>> branches = releases.stream().collect(Collectors.groupingBy(
                r -> r.version().legacyScheme() ? "1.7.8" : r.version().number(0) + "." + r.version().number(1),
                java.util.TreeMap::new, Collectors.mapping(r -> r.version().text(), Collectors.toList())));
        assertThat(branches).containsOnlyKeys("1.7.8", "8.0", "8.1", "8.2", "9.0");
        assertThat(branches.get("1.7.8")).containsExactly("1.7.8.0", "1.7.8.1", "1.7.8.2", "1.7.8.3", "1.7.8.4",
                "1.7.8.5", "1.7.8.6", "1.7.8.7", "1.7.8.8", "1.7.8.9", "1.7.8.10", "1.7.8.11");
        assertThat(branches.get("8.0")).containsExactly("8.0.0", "8.0.1", "8.0.2", "8.0.3", "8.0.4", "8.0.5");
        assertThat(branches.get("8.1")).containsExactly("8.1.0", "8.1.1", "8.1.2", "8.1.3", "8.1.4", "8.1.5",
                "8.1.6", "8.1.7");
        assertThat(branches.get("8.2")).containsExactly("8.2.0", "8.2.1", "8.2.2", "8.2.3", "8.2.4", "8.2.5", "8.2.6");
        assertThat(branches.get("9.0")).containsExactly("9.0.0", "9.0.1", "9.0.2", "9.0.3");
        assertThat(releases).extracting(Release::version).isSorted();
    }

    @Test
    @DisplayName("RD-ps: every row has an https source; a security row names its advisory, a doubt says so")
    void bundledSources() throws Exception {
        List<Release> releases = bundled();
        assertThat(releases).allSatisfy(r -> {
            assertThat(r.source()).as(r.version().text()).matches("https://(build\\.prestashop-project\\.org/news/"
                    + r.publishedOn().getYear() + "/[a-z0-9-]+/|github\\.com/PrestaShop/PrestaShop/releases/tag/"
                    + Pattern.quote(r.version().text()) + ") \\(.+\\)");
            if (r.source().startsWith("https://build.")) {
                assertThat(r.source()).as("the post's slug names the version")
                        .contains(r.version().legacyScheme() || r.version().number(2) > 0
                                ? r.version().text().replace('.', '-')
                                : r.version().number(0) + "-" + r.version().number(1));
            }
            if (r.security()) {
                assertThat(GHSA.matcher(r.source()).find()).as(r.version() + " names its advisory").isTrue();
            }
        });
        // Rows whose date could not be pinned down say so rather than pretend.
        assertThat(releases.stream().filter(r -> r.source().contains("unsure")).map(r -> r.version().text()))
                .contains("8.0.3", "8.2.6");
    }

    @Test
    @DisplayName("R4.0-b: a few rows checked by hand against their announcement and advisories")
    void bundledRows() throws Exception {
        Map<String, Release> byVersion = bundled().stream()
                .collect(Collectors.toMap(r -> r.version().text(), Function.identity()));
        assertThat(byVersion.get("1.7.8.7")).satisfies(r -> {
            assertThat(r.publishedOn()).isEqualTo(LocalDate.of(2022, 7, 25));
            assertThat(r.security()).isTrue();
            assertThat(r.source()).contains("GHSA-hrgx-p36p-89q4");
        });
        assertThat(byVersion.get("8.1.6")).satisfies(r -> {
            assertThat(r.publishedOn()).isEqualTo(LocalDate.of(2024, 5, 15));
            assertThat(r.security()).isTrue();
            assertThat(r.source()).contains("GHSA-45vm-3j38-7p78", "GHSA-7pjr-2rgh-fc5g");
        });
        assertThat(byVersion.get("8.1.5")).satisfies(r -> {
            assertThat(r.publishedOn()).isEqualTo(LocalDate.of(2024, 3, 19));
            assertThat(r.security()).isFalse();
        });
        assertThat(byVersion.get("8.0.0").publishedOn()).isEqualTo(LocalDate.of(2022, 10, 26));
        assertThat(byVersion.get("9.0.0").publishedOn()).isEqualTo(LocalDate.of(2025, 6, 10));
        assertThat(byVersion.get("9.0.0").security()).isFalse();
        assertThat(byVersion.values()).filteredOn(Release::security).hasSizeGreaterThan(15);
    }

    @Test
    @DisplayName("comments, blank lines, a byte-order mark and blanks around values are ignored; rows sorted by version")
    void comments() {
        List<Release> releases = parse("\uFEFF# comment\n\n" + HEADER
                + " 8.1.7 ; 2024-06-24 ; false ; https://example.org/8.1.7 (post)\n"
                + "\n# between\n"
                + "8.1.6;2024-05-15;true;https://example.org/8.1.6\n");
        assertThat(releases).extracting(r -> r.version().text()).containsExactly("8.1.6", "8.1.7");
        assertThat(releases.get(1)).isEqualTo(new Release(PrestaShopVersion.parse("8.1.7"), LocalDate.of(2024, 6, 24),
                false, "https://example.org/8.1.7 (post)"));
        assertThat(releases.get(0).security()).isTrue();
        assertThatThrownBy(() -> releases.add(releases.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "no header at all          | 8.1.7;2024-06-24;false;https://x.org                 | line 2: the header must be",
            "a version that is not one | 8.1.x;2024-06-24;false;https://x.org                 | line 3: version '8.1.x' is not a PrestaShop version",
            "a PrestaShop 5            | 5.0.0;2024-06-24;false;https://x.org                 | line 3: version '5.0.0' is not a PrestaShop version: PrestaShop versions are 1.x",
            "a pre-release             | 9.0.0-rc.1;2025-05-01;false;https://x.org            | line 3: version 9.0.0-rc.1 has a suffix",
            "a package revision        | 8.1.7-1;2024-06-24;false;https://x.org               | line 3: version 8.1.7-1 has a suffix",
            "a date that is not ISO    | 8.1.7;24/06/2024;false;https://x.org                 | line 3: published_on '24/06/2024' is not an ISO date",
            "a day that does not exist | 8.1.7;2024-02-30;false;https://x.org                 | line 3: published_on '2024-02-30' is not an ISO date",
            "a date before PrestaShop  | 8.1.7;1999-06-24;false;https://x.org                 | line 3: published_on 1999-06-24 is not between 2007-01-01 and 2199-12-31",
            "security as yes           | 8.1.7;2024-06-24;yes;https://x.org                   | line 3: security is true or false, found 'yes'",
            "security in capitals      | 8.1.7;2024-06-24;TRUE;https://x.org                  | line 3: security is true or false, found 'TRUE'",
            "no source                 | 8.1.7;2024-06-24;false;                              | line 3: source is required",
            "a source that is no URL   | 8.1.7;2024-06-24;false;the blog                      | line 3: source must start with an https:// URL, found 'the blog'",
            "a plain http source       | 8.1.7;2024-06-24;false;http://x.org                  | line 3: source must start with an https:// URL",
            "a bare scheme             | 8.1.7;2024-06-24;false;https://                      | line 3: source must start with an https:// URL",
            "a missing column          | 8.1.7;2024-06-24;https://x.org                       | line 3: a row has 4 columns separated by ';'",
            "a column too many         | 8.1.7;2024-06-24;false;https://x.org;x               | line 3: a row has 4 columns separated by ';'",
            "a release twice           | 8.1.7;2024-06-24;false;https://x.org\\n8.1.07;2024-06-25;false;https://y.org | line 4: version 8.1.7 appears twice (first on line 3)",
            "header only               | NONE                                                 | line 2: the file lists no release"
    })
    void badRows(String what, String rows, String message) {
        String text = what.startsWith("no header") ? "# releases\n" + rows
                : "# releases\n" + HEADER + (rows.equals("NONE") ? "" : rows.replace("\\n", "\n") + "\n");
        assertThatThrownBy(() -> parse(text)).isInstanceOf(InvalidReleaseCatalogueException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Release catalogue releases.csv, " + message)
                .hasMessageEndingWith("(setting ops.update.catalogue.location)");
    }

    @Test
    @DisplayName("an empty file has no header; a long source and control characters are refused")
    void otherBadFiles() {
        assertThatThrownBy(() -> parse("")).hasMessage(
                "Release catalogue releases.csv, line 0: the file has no header '" + ReleaseCatalogueFile.HEADER
                        + "' (setting ops.update.catalogue.location)");
        assertThatThrownBy(() -> parse(HEADER + "8.1.7;2024-06-24;false;https://x.org/" + "a".repeat(500) + "\n"))
                .hasMessageContaining("line 2: source has 514 characters, at most 500");
        assertThatThrownBy(() -> parse(HEADER + "8.1.7;2024-06-24;false;https://x.org/\u0007bell\n"))
                .hasMessageContaining("line 2: source contains a control character");
        String hugeVersion = "9".repeat(300);
        assertThatThrownBy(() -> parse(HEADER + hugeVersion + ";2024-06-24;false;https://x.org\n"))
                .satisfies(e -> assertThat(e.getMessage()).contains("line 2: version '9999").hasSizeLessThan(200));
    }
}
