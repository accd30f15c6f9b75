package fr.progerance.ops.update.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.web.Excerpt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RD-ps, R4.0-c: PrestaShop versions are parsed strictly, package suffixes accepted, garbage refused")
class PrestaShopVersionTest {

    @ParameterizedTest(name = "[{0}] reads as {1} (numbers {2}, suffix {3})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1.7.8.11          | 1.7.8.11          | 1,7,8,11 | none",
            "8.1.7             | 8.1.7             | 8,1,7    | none",
            "9.0.0             | 9.0.0             | 9,0,0    | none",
            "v8.1.7            | 8.1.7             | 8,1,7    | none",
            "V9.0.3            | 9.0.3             | 9,0,3    | none",
            "\"  8.2.4 \t\"     | 8.2.4             | 8,2,4    | none",
            "8.1               | 8.1               | 8,1      | none",
            "1.7               | 1.7               | 1,7      | none",
            "1.6.1.24          | 1.6.1.24          | 1,6,1,24 | none",
            "8.1.7-beta.1      | 8.1.7-beta.1      | 8,1,7    | -beta.1",
            "9.0.0-rc.1        | 9.0.0-rc.1        | 9,0,0    | -rc.1",
            "1.7.8.11+build2   | 1.7.8.11+build2   | 1,7,8,11 | +build2",
            "8.2.0~deb12u1     | 8.2.0~deb12u1     | 8,2,0    | ~deb12u1",
            "1.7.8.11-1        | 1.7.8.11-1        | 1,7,8,11 | -1",
            "8.1.07            | 8.1.7             | 8,1,7    | none",
            "9999.9999.9999    | 9999.9999.9999    | 9999,9999,9999 | none"
    })
    void accepted(String text, String normalised, String numbers, String suffix) {
        PrestaShopVersion v = PrestaShopVersion.parse(text);
        assertThat(v.text()).isEqualTo(normalised);
        assertThat(v).hasToString(normalised);
        assertThat(v.numbers()).containsExactlyElementsOf(
                java.util.Arrays.stream(numbers.split(",")).map(Integer::valueOf).toList());
        assertThat(v.suffix()).isEqualTo(suffix.equals("none") ? "" : suffix);
        assertThat(PrestaShopVersion.parse(v.text())).as("the text reads back the same").isEqualTo(v);
    }

    @ParameterizedTest(name = "null or [{0}] is required")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void required(String text) {
        assertThatThrownBy(() -> PrestaShopVersion.parse(text)).isInstanceOf(InvalidVersionException.class)
                .hasMessage("is required, e.g. 8.1.7 or 1.7.8.11");
    }

    @ParameterizedTest(name = "[{0}] is refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "abc             | 'abc' is not a PrestaShop version: it must start with numbers",
            "8               | '8' is not a PrestaShop version: it needs at least a major and a minor number",
            "8..1            | '8..1' is not a PrestaShop version: a number is missing between two dots or at the end",
            "8.1.            | '8.1.' is not a PrestaShop version: a number is missing",
            ".8.1            | '.8.1' is not a PrestaShop version: it must start with numbers",
            "1.7.8.11.2.3    | '1.7.8.11.2.3' is not a PrestaShop version: it has 6 numbers, at most 4",
            "1.7.8.11.2      | '1.7.8.11.2' is not a PrestaShop version: it has 5 numbers, at most 4",
            "-1.2            | '-1.2' is not a PrestaShop version: it must start with numbers",
            "8.1.7.1         | '8.1.7.1' is not a PrestaShop version: from 8.0 a version has at most 3 numbers",
            "7.0.0           | '7.0.0' is not a PrestaShop version: PrestaShop versions are 1.x (up to 1.7.8.x) or 8 and later; there is no 7.x",
            "0.9.7           | '0.9.7' is not a PrestaShop version: PrestaShop versions are 1.x",
            "2.0             | '2.0' is not a PrestaShop version: PrestaShop versions are 1.x",
            "8.10000.0       | '8.10000.0' is not a PrestaShop version: each number is 0 to 9999",
            "8.99999999999.0 | '8.99999999999.0' is not a PrestaShop version: each number is 0 to 9999",
            "8.1.7-          | '8.1.7-' is not a PrestaShop version: after the numbers only a package suffix",
            "8.1.7 beta      | '8.1.7 beta' is not a PrestaShop version: after the numbers only a package suffix",
            "8.1.7;rm -rf /  | '8.1.7;rm -rf /' is not a PrestaShop version: after the numbers only a package suffix",
            "8.1.7/../../x   | '8.1.7/../../x' is not a PrestaShop version: after the numbers only a package suffix",
            "8,1,7           | '8,1,7' is not a PrestaShop version: after the numbers only a package suffix",
            "vv8.1.7         | 'vv8.1.7' is not a PrestaShop version: it must start with numbers",
            "v               | 'v' is not a PrestaShop version: it must start with numbers",
            "８.１.７         | '８.１.７' is not a PrestaShop version: it must start with numbers"
    })
    void refused(String text, String message) {
        assertThatThrownBy(() -> PrestaShopVersion.parse(text)).isInstanceOf(InvalidVersionException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    @DisplayName("a 300-character text is refused with its length, quoting only its first 40 characters")
    void tooLong() {
        String text = "8.1.7-" + "a".repeat(294);
        assertThatThrownBy(() -> PrestaShopVersion.parse(text)).isInstanceOf(InvalidVersionException.class)
                .hasMessage("'8.1.7-" + "a".repeat(34) + Excerpt.ELLIPSIS
                        + "' is not a PrestaShop version: 300 characters, at most 64")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
    }

    @Test
    @DisplayName("control characters are not echoed back")
    void controlCharacters() {
        assertThatThrownBy(() -> PrestaShopVersion.parse("8.1.7\u0000\u001b[31m"))
                .isInstanceOf(InvalidVersionException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000", "\u001b"));
    }

    @Test
    @DisplayName("the record refuses what parse refuses")
    void constructor() {
        assertThat(new PrestaShopVersion(List.of(8, 1, 7), null)).isEqualTo(PrestaShopVersion.parse("8.1.7"));
        assertThatThrownBy(() -> new PrestaShopVersion(List.of(8), "")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> new PrestaShopVersion(List.of(5, 0), "")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> new PrestaShopVersion(List.of(8, 1, 7, 1), "")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> new PrestaShopVersion(List.of(8, -1), "")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> new PrestaShopVersion(List.of(8, 1), "beta")).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    @DisplayName("RD-ps, R4.0-c: up to 1.7 the first two numbers are the major, from 8 the first one")
    void schemes() {
        PrestaShopVersion legacy = PrestaShopVersion.parse("1.7.8.11");
        assertThat(legacy.legacyScheme()).isTrue();
        assertThat(legacy.major()).containsExactly(1, 7);
        assertThat(legacy.minor()).isEqualTo(8);
        PrestaShopVersion semver = PrestaShopVersion.parse("8.1.7");
        assertThat(semver.legacyScheme()).isFalse();
        assertThat(semver.major()).containsExactly(8);
        assertThat(semver.minor()).isEqualTo(1);
        assertThat(PrestaShopVersion.parse("1.7").minor()).as("1.7 is 1.7.0.0").isZero();
        assertThat(PrestaShopVersion.parse("9.0").number(2)).isZero();
    }

    @Test
    @DisplayName("order: numbers (missing ones are 0), a pre-release before its release, dev < alpha < beta < rc")
    void order() {
        List<String> expected = List.of("1.6.1.24", "1.7", "1.7.7.8", "1.7.8.0", "1.7.8.9", "1.7.8.10", "1.7.8.11",
                "8.0.0-beta.1", "8.0.0-rc.1", "8.0.0", "8.0.5", "8.1.0", "8.1.7", "8.1.10", "8.2.0", "9.0.0-dev",
                "9.0.0-alpha.1", "9.0.0-beta.1", "9.0.0-beta.2", "9.0.0-rc.1", "9.0.0-rc.2", "9.0.0");
        List<PrestaShopVersion> shuffled = new ArrayList<>(expected.stream().map(PrestaShopVersion::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(10));
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(PrestaShopVersion::text).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("a package revision or build is the same release; the order stays consistent with equals")
    void packageSuffixes() {
        PrestaShopVersion plain = PrestaShopVersion.parse("8.1.7");
        for (String text : List.of("8.1.7-1", "8.1.7+build2", "8.1.7~deb12u1", "v8.1.7", " 8.1.07 ")) {
            PrestaShopVersion v = PrestaShopVersion.parse(text);
            assertThat(v.sameRelease(plain)).as(text).isTrue();
            assertThat(v.compareRelease(plain)).as(text).isZero();
            assertThat(v.preRelease()).as(text).isFalse();
        }
        assertThat(PrestaShopVersion.parse("8.1").sameRelease(PrestaShopVersion.parse("8.1.0"))).isTrue();
        assertThat(PrestaShopVersion.parse("8.1.7-beta.1").sameRelease(plain)).isFalse();
        assertThat(PrestaShopVersion.parse("8.1.7-beta.1").preRelease()).isTrue();
        assertThat(PrestaShopVersion.parse("8.1.7-RC1").preRelease()).isTrue();
        assertThat(PrestaShopVersion.parse("8.1.7~rc1").preRelease()).isTrue();
        assertThat(PrestaShopVersion.parse("8.1.7-build3").preRelease()).as("b followed by letters is not beta").isFalse();

        // A sorted set keeps every distinct text: compareTo is 0 only for equal versions.
        TreeSet<PrestaShopVersion> set = new TreeSet<>();
        for (String text : List.of("8.1.7", "8.1.7-1", "8.1.7+build2", "8.1.7~deb12u1", "v8.1.7", "8.1.07")) {
            set.add(PrestaShopVersion.parse(text));
        }
        assertThat(set).extracting(PrestaShopVersion::text)
                .containsExactly("8.1.7", "8.1.7+build2", "8.1.7-1", "8.1.7~deb12u1");
        assertThat(PrestaShopVersion.parse("8.1").compareTo(PrestaShopVersion.parse("8.1.0"))).isNegative();
    }
}
