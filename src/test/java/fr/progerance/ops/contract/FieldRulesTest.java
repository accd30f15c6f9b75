package fr.progerance.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldRulesTest {

    private static boolean matches(String regex, String value) {
        return Pattern.matches(regex, value);
    }

    @Test
    @DisplayName("DESIGN rule 8: SSH users follow a strict login-name pattern")
    void sshUser() {
        assertThat(matches(FieldRules.SSH_USER, "root")).isTrue();
        assertThat(matches(FieldRules.SSH_USER, "ops_deploy-2")).isTrue();
        assertThat(matches(FieldRules.SSH_USER, "_svc")).isTrue();
        for (String bad : new String[] {"Root", "2ops", "-oProxyCommand", "ops user", "ops;id", "a".repeat(33), ""}) {
            assertThat(matches(FieldRules.SSH_USER, bad)).as(bad).isFalse();
        }
    }

    @Test
    @DisplayName("Issue 6: a shop keyword is at most 200 characters on one line, without control characters")
    void shopKeyword() {
        assertThat(FieldRules.shopKeywordProblem("Boutique Dupont")).isEmpty();
        assertThat(FieldRules.shopKeywordProblem("Atelier Cévenol & Fils")).isEmpty();
        assertThat(FieldRules.shopKeywordProblem("é".repeat(200))).isEmpty();
        assertThat(FieldRules.shopKeywordProblem("k".repeat(201))).get().asString().contains("200");
        for (String bad : new String[] {"a\tb", "a\nb", "a\rb", "a\u0000", "a\u007f", "a\u0085b"}) {
            assertThat(FieldRules.shopKeywordProblem(bad)).as(bad).get().asString().contains("control characters");
        }
    }

    @Test
    @DisplayName("DESIGN rule 8: the pinned host key is a canonical SHA256 fingerprint as ssh-keygen -lf prints")
    void fingerprint() {
        assertThat(FieldRules.fingerprintProblem("SHA256:wCaPWU2z/Ojowy76wdXINnbShxM8kt3oP5DG5jhYqQY")).isEmpty();
        assertThat(FieldRules.fingerprintProblem("SHA256:As0xQDKtRrMeC1hbq1TRGmSByFsMROsff1LeXR949Mk")).isEmpty();
        // 43 characters but the unused trailing bits of the last one are not zero: not ssh-keygen output
        assertThat(FieldRules.fingerprintProblem("SHA256:wCaPWU2z/Ojowy76wdXINnbShxM8kt3oP5DG5jhYqQZ")).isPresent();
        assertThat(FieldRules.fingerprintProblem("SHA256:wCaPWU2z/Ojowy76wdXINnbShxM8kt3oP5DG5jhYqQY=")).isPresent();
        assertThat(FieldRules.fingerprintProblem("MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48")).isPresent();
        assertThat(FieldRules.fingerprintProblem("sha256:wCaPWU2z/Ojowy76wdXINnbShxM8kt3oP5DG5jhYqQY")).isPresent();
    }

    @Test
    @DisplayName("DESIGN rule 8: install paths are absolute and made of safe characters only")
    void installPath() {
        assertThat(matches(FieldRules.INSTALL_PATH, "/var/www/shop")).isTrue();
        assertThat(matches(FieldRules.INSTALL_PATH, "/srv/prestashop_8.2/html")).isTrue();
        for (String bad : new String[] {"var/www", "/", "/var/www/", "/var/www/../etc", "/var/./www", "/var/www/.env",
            "/var/-rf", "/var/www/$(id)", "/var/www/shop;rm", "/var/www/my shop", "/var/www/`id`", "//var/www"}) {
            assertThat(matches(FieldRules.INSTALL_PATH, bad)).as(bad).isFalse();
        }
    }

    @Test
    @DisplayName("DESIGN rule 8: database names are 1-64 letters, digits or underscores")
    void databaseName() {
        assertThat(matches(FieldRules.DATABASE_NAME, "prestashop_1")).isTrue();
        assertThat(matches(FieldRules.DATABASE_NAME, "a".repeat(64))).isTrue();
        assertThat(matches(FieldRules.DATABASE_NAME, "a".repeat(65))).isFalse();
        assertThat(matches(FieldRules.DATABASE_NAME, "shop-db")).isFalse();
        assertThat(matches(FieldRules.DATABASE_NAME, "shop;drop")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+33 1 23 45 67 89", "01 23 45 67 89", "+33123456789", "+1 (415) 555-0100", "06.12.34.56.78"})
    @DisplayName("R4.3-t4 contacts: international-ish phone numbers are accepted")
    void phoneAccepted(String phone) {
        assertThat(FieldRules.phoneProblem(phone)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "+0033123456789", "01 23 45 67 89 ext 2", "++33123456789", "0123456789012345678",
        "tel:0123456789", "33+123456789"})
    @DisplayName("R4.3-t4 contacts: malformed phone numbers are refused")
    void phoneRefused(String phone) {
        assertThat(FieldRules.phoneProblem(phone)).isPresent();
    }

    @Test
    @DisplayName("R6.7 contacts: email addresses need a local part and a dotted domain")
    void email() {
        assertThat(FieldRules.emailProblem("marie.dupont@boutique.example.fr")).isEmpty();
        assertThat(FieldRules.emailProblem("support+ops@example.net")).isEmpty();
        assertThat(FieldRules.emailProblem("marie@localhost")).isPresent();
        assertThat(FieldRules.emailProblem("marie.example.fr")).isPresent();
        assertThat(FieldRules.emailProblem("marie dupont@example.fr")).isPresent();
    }

    @Test
    @DisplayName("R7.2 billing address: ISO country codes and French postal codes")
    void address() {
        assertThat(FieldRules.countryProblem("FR")).isEmpty();
        assertThat(FieldRules.countryProblem("BE")).isEmpty();
        assertThat(FieldRules.countryProblem("ZZ")).isPresent();
        assertThat(FieldRules.countryProblem("fr")).isPresent();
        assertThat(FieldRules.postalCodeProblem("75011", "FR")).isEmpty();
        assertThat(FieldRules.postalCodeProblem("7501", "FR")).isPresent();
        assertThat(FieldRules.postalCodeProblem("1000", "BE")).isEmpty();
        assertThat(FieldRules.postalCodeProblem("SW1A 1AA", "GB")).isEmpty();
    }

    @Test
    @DisplayName("RD-ps monitoring: the shop URL is http(s), without credentials, on a valid host")
    void shopUrl() {
        assertThat(FieldRules.shopUrlProblem("https://www.boutique.example.fr/")).isEmpty();
        assertThat(FieldRules.shopUrlProblem("http://shop1.example.net:8080/fr/")).isEmpty();
        assertThat(FieldRules.shopUrlProblem("https://[2001:db8::1]/")).isEmpty();
        assertThat(FieldRules.shopUrlProblem("ftp://shop1.example.net/")).isPresent();
        assertThat(FieldRules.shopUrlProblem("javascript:alert(1)")).isPresent();
        assertThat(FieldRules.shopUrlProblem("https://admin:secret@shop1.example.net/")).isPresent();
        assertThat(FieldRules.shopUrlProblem("https://localhost/")).isPresent();
        assertThat(FieldRules.shopUrlProblem("https://shop1.example.net/#top")).isPresent();
        assertThat(FieldRules.shopUrlProblem("shop1.example.net")).isPresent();
        assertThat(FieldRules.shopUrlProblem("https://shop one.example.net/")).isPresent();
    }
}
