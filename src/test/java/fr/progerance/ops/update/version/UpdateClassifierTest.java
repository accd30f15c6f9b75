package fr.progerance.ops.update.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RD-ps, R4.0-b, R4.0-c: an update is MAJOR (quoted first), MINOR or PATCH (included), or NONE")
class UpdateClassifierTest {

    private static UpdateKind classify(String from, String to) {
        return UpdateClassifier.classify(PrestaShopVersion.parse(from), PrestaShopVersion.parse(to));
    }

    @ParameterizedTest(name = "{0} -> {1} is {2} ({3})")
    @CsvSource(delimiter = '|', value = {
            // From 8.0 PrestaShop follows semantic versioning (the issue's own examples first).
            "8.2.4     | 9.0.0     | MAJOR | R4.0-c: 8 -> 9",
            "8.1.7     | 8.2.0     | MINOR | RD-ps: 8.1 -> 8.2",
            "8.2.0     | 8.2.1     | PATCH | RD-ps: 8.2.0 -> 8.2.1",
            "8.0.4     | 8.2.6     | MINOR | RD-ps: two minors at once are still minor",
            "8.1.7     | 9.0.3     | MAJOR | R4.0-c: a major and a patch at once is major",
            "9.0.0     | 10.0.0    | MAJOR | R4.0-c: any later major",
            "8.1       | 8.1.1     | PATCH | RD-ps: 8.1 is 8.1.0",
            // In 1.x.y.z the first two numbers are the major.
            "1.7.8.11  | 8.0.0     | MAJOR | R4.0-c: 1.7 -> 8 is the contract's example of a major migration",
            "1.7.8.11  | 9.0.3     | MAJOR | R4.0-c: 1.7 -> 9",
            "1.6.1.24  | 1.7.0.0   | MAJOR | R4.0-c: 1.6 -> 1.7 changes the first two numbers",
            "1.7.7.8   | 1.7.8.0   | MINOR | RD-ps: 1.7.7 -> 1.7.8",
            "1.7.6.9   | 1.7.8.11  | MINOR | RD-ps",
            "1.7.8.10  | 1.7.8.11  | PATCH | RD-ps: the fourth number",
            "1.7.8     | 1.7.8.1   | PATCH | RD-ps: 1.7.8 is 1.7.8.0",
            // Not newer.
            "8.1.7     | 8.1.7     | NONE  | the same version",
            "8.2.0     | 8.1.7     | NONE  | a downgrade",
            "9.0.0     | 8.2.6     | NONE  | a major downgrade",
            "8.0.0     | 1.7.8.11  | NONE  | back to 1.7",
            "8.1.7     | 8.1.7-1   | NONE  | a package revision of the same release",
            "8.1.7-1   | 8.1.7     | NONE  | the same release without its package revision",
            "v8.1.7    | 8.1.7+build2 | NONE | a build of the same release",
            "8.1.7     | 8.1.7-rc.1 | NONE | its own release candidate",
            // Pre-releases.
            "9.0.0-rc.1 | 9.0.0    | PATCH | a release candidate to its release",
            "9.0.0-beta.1 | 9.0.0-rc.1 | PATCH | beta to rc of the same numbers",
            "8.2.6     | 9.0.0-beta.1 | MAJOR | R4.0-c: a pre-release of a new major is still a major",
            "8.1.7     | 8.2.0~deb12u1 | MINOR | RD-ps: a packaged minor"
    })
    void classify(String from, String to, UpdateKind expected, String why) {
        assertThat(classify(from, to)).isEqualTo(expected);
    }

    @Test
    @DisplayName("R4.0-c: only a MAJOR needs a quote; RD-ps: MINOR and PATCH are the contract's minor updates")
    void needsQuote() {
        assertThat(UpdateKind.MAJOR.needsQuote()).isTrue();
        assertThat(UpdateKind.MINOR.needsQuote()).isFalse();
        assertThat(UpdateKind.PATCH.needsQuote()).isFalse();
        assertThat(UpdateKind.NONE.needsQuote()).isFalse();
        assertThat(UpdateKind.MAJOR.includedInContract()).isFalse();
        assertThat(UpdateKind.MINOR.includedInContract()).isTrue();
        assertThat(UpdateKind.PATCH.includedInContract()).isTrue();
        assertThat(UpdateKind.NONE.includedInContract()).isFalse();
    }

    @Test
    @DisplayName("classify is anti-symmetric: when a -> b is an update, b -> a is NONE")
    void antiSymmetric() {
        String[] versions = {"1.6.1.24", "1.7.7.8", "1.7.8.0", "1.7.8.11", "8.0.0-rc.1", "8.0.0", "8.0.5", "8.1.0",
                "8.2.6", "9.0.0", "9.0.3"};
        for (String a : versions) {
            for (String b : versions) {
                UpdateKind ab = classify(a, b);
                UpdateKind ba = classify(b, a);
                if (a.equals(b)) {
                    assertThat(ab).as(a + " -> " + b).isEqualTo(UpdateKind.NONE);
                } else {
                    assertThat(ab == UpdateKind.NONE).as(a + " <-> " + b + ": exactly one way is an update")
                            .isNotEqualTo(ba == UpdateKind.NONE);
                }
            }
        }
    }

    @Test
    @DisplayName("no version is no classification")
    void nulls() {
        PrestaShopVersion v = PrestaShopVersion.parse("8.1.7");
        assertThatThrownBy(() -> UpdateClassifier.classify(null, v)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> UpdateClassifier.classify(v, null)).isInstanceOf(NullPointerException.class);
    }
}
