package fr.progerance.ops.billing.charges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.billing.charges.LegalRateFile.InvalidLegalRateFileException;
import fr.progerance.ops.billing.charges.LegalRates.LegalRate;
import fr.progerance.ops.calendar.Semester;
import fr.progerance.ops.billing.BillingSettings;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.DefaultResourceLoader;

@DisplayName("R7.5 legal-rate data file: every row sourced, a bad row names its line")
class LegalRateFileTest {

    private static Map<Semester, LegalRate> parse(String text) {
        return LegalRateFile.parse("rates.csv", new StringReader(text));
    }

    @Test
    @DisplayName("R7.5: the bundled file covers 2023-S1 onwards without gaps, each row with its arrêté")
    void bundledFile() throws Exception {
        Map<Semester, LegalRate> rows;
        try (Reader reader = new InputStreamReader(
                getClass().getResourceAsStream("/billing/legal-rates.csv"), StandardCharsets.UTF_8)) {
            rows = LegalRateFile.parse("legal-rates.csv", reader);
        }
        assertThat(rows.keySet().iterator().next()).hasToString("2023-S1");
        Semester expected = Semester.parse("2023-S1").orElseThrow();
        for (Semester s : rows.keySet()) {
            assertThat(s).isEqualTo(expected);
            expected = Semester.of(s.lastDay().plusDays(1));
        }
        assertThat(rows.values()).allSatisfy(r -> {
            assertThat(r.source()).startsWith("Arrêté du ");
            assertThat(r.enteredBy()).isNull();
        });
        // Two figures checked by hand against their arrêtés ("tous les autres cas").
        assertThat(rows.get(Semester.parse("2024-S1").orElseThrow()).ratePercent()).isEqualByComparingTo("5.07");
        assertThat(rows.get(Semester.parse("2026-S1").orElseThrow()).ratePercent()).isEqualByComparingTo("2.62");
    }

    @Test
    @DisplayName("R7.5: comments, blank lines and a byte-order mark are ignored")
    void comments() {
        Map<Semester, LegalRate> rows = parse("\uFEFF# comment\n\nsemester;rate_percent;source\n"
                + "2025-S2;2.76;Arrêté du 19 juin 2025, JO du 24 juin 2025\n\n# end\n");
        assertThat(rows).hasSize(1);
        LegalRate r = rows.values().iterator().next();
        assertThat(r.semester()).isEqualTo("2025-S2");
        assertThat(r.ratePercent()).isEqualByComparingTo("2.76");
        assertThat(r.source()).isEqualTo("Arrêté du 19 juin 2025, JO du 24 juin 2025");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no header                 | 2025-S2;2.76;Arrêté                          | line 2: the header",
            "a semester that is not    | 2025-S3;2.76;Arrêté                          | line 3: semester '2025-S3' is not a semester",
            "a rate that is no number  | 2025-S2;2,76;Arrêté                          | line 3: rate_percent '2,76' is not a decimal number",
            "a zero rate               | 2025-S2;0;Arrêté                             | line 3: rate_percent must be above 0",
            "a rate above 100          | 2025-S2;100.5;Arrêté                         | line 3: rate_percent must be above 0 and at most 100",
            "too many decimals         | 2025-S2;2.76123;Arrêté                       | line 3: rate_percent must have at most 4 decimals",
            "no source                 | 2025-S2;2.76;                                | line 3: source is required",
            "a missing column          | 2025-S2;2.76                                 | line 3: a row has 3 columns",
            "a column too many         | 2025-S2;2.76;Arrêté;x                        | line 3: a row has 3 columns",
            "a semester twice          | 2025-S2;2.76;Arrêté\\n2025-S2;2.77;Arrêté   | line 4: semester 2025-S2 appears twice"
    })
    void badRows(String what, String rows, String message) {
        String text = what.startsWith("no header") ? "# rates\n" + rows.replace("\\n", "\n")
                : "# rates\nsemester;rate_percent;source\n" + rows.replace("\\n", "\n") + "\n";
        assertThatThrownBy(() -> parse(text)).isInstanceOf(InvalidLegalRateFileException.class)
                .hasMessageContaining("rates.csv, " + message);
    }

    @Test
    @DisplayName("R7.5: a bad row in the configured file stops the start, naming the file and the line")
    void badFileStopsTheStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rates.csv");
        Files.writeString(file, "semester;rate_percent;source\n2025-S1;3.71;Arrêté\n2025-S2;2.76\n");
        BillingSettings settings = new BillingSettings();
        settings.getCharges().setLegalRatesFile(file.toUri().toString());
        assertThatThrownBy(() -> new LegalRateBook(settings, new DefaultResourceLoader(), null, null, null, null))
                .isInstanceOf(InvalidLegalRateFileException.class)
                .hasMessageContaining("rates.csv, line 3: a row has 3 columns");
        settings.getCharges().setLegalRatesFile(dir.resolve("missing.csv").toUri().toString());
        assertThatThrownBy(() -> new LegalRateBook(settings, new DefaultResourceLoader(), null, null, null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not exist (setting ops.billing.charges.legal-rates-file)");
    }

    @Test
    @DisplayName("R7.5: an empty file has no header and is refused")
    void empty() {
        assertThatThrownBy(() -> parse("# nothing\n")).isInstanceOf(InvalidLegalRateFileException.class)
                .hasMessageContaining("no header");
    }
}
