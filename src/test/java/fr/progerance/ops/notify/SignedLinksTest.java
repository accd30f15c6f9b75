package fr.progerance.ops.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.notify.SignedLinks.Check;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signed tokens of client links: what is accepted, and everything that is not. */
class SignedLinksTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-04-07T08:00:00Z");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);
    private static final String ID = "0b9f7a6e-2c1d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SignedLinks links = new SignedLinks(SECRET, Clock.fixed(NOW, PARIS));
    private final Instant expiresAt = NOW.plus(Duration.ofHours(72));

    @Test
    @DisplayName("A fresh token is valid and carries its decision id and expiry")
    void valid() {
        String token = links.token(ID, expiresAt);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        SignedLinks.Verification v = links.verify(token);
        assertThat(v.check()).isEqualTo(Check.VALID);
        assertThat(v.valid()).isTrue();
        assertThat(v.decisionId()).isEqualTo(ID);
        assertThat(v.expiresAt()).isEqualTo(expiresAt);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.US_ASCII);
        assertThat(payload).isEqualTo(ID + "." + expiresAt.getEpochSecond());
    }

    @Test
    @DisplayName("Expired: at the expiry instant and after (half-open validity), yet still identified")
    void expired() {
        String token = links.token(ID, expiresAt);
        SignedLinks atExpiry = new SignedLinks(SECRET, Clock.fixed(expiresAt, PARIS));
        SignedLinks justBefore = new SignedLinks(SECRET, Clock.fixed(expiresAt.minusSeconds(1), PARIS));
        assertThat(justBefore.verify(token).check()).isEqualTo(Check.VALID);
        SignedLinks.Verification v = atExpiry.verify(token);
        assertThat(v.check()).isEqualTo(Check.EXPIRED);
        assertThat(v.decisionId()).isEqualTo(ID);
        assertThat(links.verify(links.token(ID, NOW.minusSeconds(1))).check()).isEqualTo(Check.EXPIRED);
    }

    @Test
    @DisplayName("Tampered payload: another decision id or a later expiry with the old signature is invalid")
    void tamperedPayload() {
        String token = links.token(ID, expiresAt);
        String signature = token.substring(token.indexOf('.') + 1);
        String otherId = B64.encodeToString((ID.replace('0', '1') + "." + expiresAt.getEpochSecond())
                .getBytes(StandardCharsets.US_ASCII));
        String later = B64.encodeToString((ID + "." + expiresAt.plusSeconds(86_400).getEpochSecond())
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(links.verify(otherId + "." + signature).check()).isEqualTo(Check.INVALID);
        assertThat(links.verify(later + "." + signature).check()).isEqualTo(Check.INVALID);
        assertThat(links.verify(later + "." + signature).decisionId()).isNull();
    }

    @Test
    @DisplayName("Tampered signature: any changed character, a truncated or a padded signature is invalid")
    void tamperedSignature() {
        String token = links.token(ID, expiresAt);
        for (int i = token.indexOf('.') + 1; i < token.length(); i++) {
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertThat(links.verify(changed).check()).as("changed at %d", i).isEqualTo(Check.INVALID);
        }
        assertThat(links.verify(token.substring(0, token.length() - 1)).check()).isEqualTo(Check.INVALID);
        assertThat(links.verify(token + "=").check()).isEqualTo(Check.INVALID);
        assertThat(links.verify(token + "A").check()).isEqualTo(Check.INVALID);
    }

    @Test
    @DisplayName("Every single-character change anywhere in the token is refused (canonical encoding only)")
    void everyCharacterMatters() {
        String token = links.token(ID, expiresAt);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            for (char c : new char[] {alphabet.charAt(i % 64), alphabet.charAt((i + 1) % 64)}) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String changed = token.substring(0, i) + c + token.substring(i + 1);
                assertThat(links.verify(changed).check()).as("%s", changed).isEqualTo(Check.INVALID);
            }
        }
    }

    @Test
    @DisplayName("A token signed with another secret is invalid")
    void wrongSecret() {
        SignedLinks other = new SignedLinks("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, PARIS));
        assertThat(links.verify(other.token(ID, expiresAt)).check()).isEqualTo(Check.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "abc", "abc.", ".abc", "a.b.c", "%%%.%%%", "bm90LXNpZ25lZA.c2ln",
            "Li4u.Li4u", "../../etc/passwd", "MTIzLjQ1Ng.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    @DisplayName("Garbage is invalid, never an exception")
    void garbage(String token) {
        assertThat(links.verify(token).check()).isEqualTo(Check.INVALID);
    }

    @Test
    @DisplayName("Null and oversized tokens are invalid")
    void nullAndHuge() {
        assertThat(links.verify(null).check()).isEqualTo(Check.INVALID);
        assertThat(links.verify("A".repeat(10_000) + "." + "B".repeat(43)).check()).isEqualTo(Check.INVALID);
    }

    @Test
    @DisplayName("Well-signed payloads that are not an id and an epoch are still refused")
    void signedNonsense() {
        // A payload we would never issue, signed with our key: the format check still refuses it.
        String forged = signRaw("no-epoch-here");
        assertThat(links.verify(forged).check()).isEqualTo(Check.INVALID);
        assertThat(links.verify(signRaw("id.with.dots.123")).check()).isEqualTo(Check.INVALID);
    }

    private static String signRaw(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
            return B64.encodeToString(p) + "." + B64.encodeToString(mac.doFinal(p));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("Secrets shorter than 32 bytes and malformed ids are refused")
    void inputs() {
        assertThatThrownBy(() -> new SignedLinks(new byte[31], Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.token("a.b", expiresAt)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.token("", expiresAt)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("IP pseudonyms are stable, keyed, and reveal nothing of the address")
    void pseudonyms() {
        String p = links.pseudonym("203.0.113.7");
        assertThat(p).isEqualTo(links.pseudonym("203.0.113.7")).hasSize(43).doesNotContain("203");
        assertThat(p).isNotEqualTo(links.pseudonym("203.0.113.8"));
        SignedLinks other = new SignedLinks("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, PARIS));
        assertThat(other.pseudonym("203.0.113.7")).isNotEqualTo(p);
    }
}
