package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import java.security.KeyPair;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Host key fingerprints, checked against OpenSSH's own output and two independent implementations. */
@DisplayName("Host keys are pinned by SHA-256 fingerprint (DESIGN rule 8)")
class HostKeysTest {

    /** {@code ssh-keygen -t ed25519}: the .pub line's base64 and what {@code ssh-keygen -lf} printed. */
    private static final String ED25519_BLOB = "AAAAC3NzaC1lZDI1NTE5AAAAINUvajsNFjjdfj9NZqlI5zzktspOymWHmTdXnLJiCMxA";
    private static final String ED25519_FINGERPRINT = "SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY";

    /** {@code ssh-keygen -t ecdsa -b 256}, same procedure. */
    private static final String ECDSA_BLOB = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBMgwjLpxgA1V9sWXiixF75hmt4t0"
            + "Ujn8uJytG1kgk18qvCwKCD/+TnlfdkB0crsNr3qlk76a8sc8J8+3DNC8H+E=";
    private static final String ECDSA_FINGERPRINT = "SHA256:9XYVxPqmywvGRncexN68+1TK8FdcLGfYqBW5WDzh8Qk";

    @Test
    @DisplayName("the fingerprint is what ssh-keygen -lf prints")
    void matchesSshKeygen() {
        assertThat(HostKeys.sha256Fingerprint(Base64.getDecoder().decode(ED25519_BLOB))).isEqualTo(ED25519_FINGERPRINT);
        assertThat(HostKeys.sha256Fingerprint(Base64.getDecoder().decode(ECDSA_BLOB))).isEqualTo(ECDSA_FINGERPRINT);
    }

    @Test
    @DisplayName("the key type is read from the blob")
    void keyType() {
        assertThat(HostKeys.keyType(Base64.getDecoder().decode(ED25519_BLOB))).isEqualTo("ssh-ed25519");
        assertThat(HostKeys.keyType(Base64.getDecoder().decode(ECDSA_BLOB))).isEqualTo("ecdsa-sha2-nistp256");
        assertThat(HostKeys.keyType(null)).isEqualTo("unknown");
        assertThat(HostKeys.keyType(new byte[] {0, 0, 0})).isEqualTo("unknown");
        assertThat(HostKeys.keyType(new byte[] {0, 0, 0, 9, 'a'})).isEqualTo("unknown");
        assertThat(HostKeys.keyType(new byte[] {0, 0, 0, 2, 'a', '\n'})).isEqualTo("unknown");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EmbeddedSshServer.KeyKind.class)
    @DisplayName("the fingerprint agrees with Apache SSHD's and JSch's for generated keys")
    void agreesWithOtherImplementations(EmbeddedSshServer.KeyKind kind) throws Exception {
        KeyPair key = kind.generate();
        byte[] blob = EmbeddedSshServer.publicKeyBlob(key.getPublic());
        String fingerprint = HostKeys.sha256Fingerprint(blob);

        assertThat(fingerprint).isEqualTo(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key.getPublic()));
        assertThat(fingerprint).isEqualTo(new HostKey("host", blob).getFingerPrint(new JSch()));
        assertThat(HostKeys.isValidFingerprint(fingerprint)).isTrue();
        assertThat(HostKeys.keyType(blob)).isEqualTo(KeyUtils.getKeyType(key.getPublic()));
    }

    @Test
    @DisplayName("an empty blob has no fingerprint")
    void emptyBlob() {
        assertThatThrownBy(() -> HostKeys.sha256Fingerprint(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostKeys.sha256Fingerprint(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {ED25519_FINGERPRINT, ECDSA_FINGERPRINT, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "SHA256://////////////////////////////////////////8"})
    @DisplayName("well-formed fingerprints are accepted")
    void valid(String fingerprint) {
        assertThat(HostKeys.fingerprintProblem(fingerprint)).isEmpty();
        assertThat(HostKeys.requireValidFingerprint(fingerprint, "fingerprint")).isSameAs(fingerprint);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY", "sha256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY",
        "SHA256 FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY", "SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY=",
        "SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOC", "SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCYA",
        "SHA256:FoBLUfeF-lllumr3WsrFZw2P_ks6zk5r/k1hJdKoOCY", "SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCZ",
        " SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY", "SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY\n",
        "SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOC\u00e9", "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48",
        "16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", "SHA1:dGhpcyBpcyBub3QgYSBrZXk"})
    @DisplayName("anything else is refused with a reason")
    void invalid(String fingerprint) {
        assertThat(HostKeys.fingerprintProblem(fingerprint)).isPresent();
        assertThat(HostKeys.isValidFingerprint(fingerprint)).isFalse();
        assertThatThrownBy(() -> HostKeys.requireValidFingerprint(fingerprint, "server web1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("server web1 ");
    }

    @Test
    @DisplayName("the reasons help the operator fix the value")
    void reasons() {
        assertThat(HostKeys.fingerprintProblem("16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48")).get().asString()
                .contains("MD5", "-E sha256");
        assertThat(HostKeys.fingerprintProblem(ED25519_FINGERPRINT + "=")).get().asString().contains("padding");
        assertThat(HostKeys.fingerprintProblem("FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY")).get().asString()
                .contains("SHA256:");
        assertThat(HostKeys.fingerprintProblem("SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCZ")).get().asString()
                .contains("32-byte");
    }
}
