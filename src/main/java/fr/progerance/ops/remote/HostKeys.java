package fr.progerance.ops.remote;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host key fingerprints as OpenSSH prints them ({@code ssh-keygen -lf key.pub}, {@code ssh-keyscan
 * host | ssh-keygen -lf -}): {@code SHA256:} followed by the SHA-256 digest of the public key blob
 * (the SSH wire encoding, the base64 part of a {@code .pub} line) in standard base64 without
 * padding, 43 characters. DESIGN rule 8: each server's fingerprint is pinned in the register.
 */
public final class HostKeys {

    /** The prefix OpenSSH prints before a SHA-256 fingerprint. */
    public static final String SHA256_PREFIX = "SHA256:";

    /** Length of the base64 part: 32 bytes, no padding. */
    public static final int SHA256_BASE64_LENGTH = 43;

    /** The syntax; {@link #fingerprintProblem(String)} also checks the last character is canonical. */
    public static final Pattern FINGERPRINT_PATTERN = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private static final Pattern MD5_HEX = Pattern.compile("(MD5:)?([0-9a-fA-F]{2}:){15}[0-9a-fA-F]{2}");

    private HostKeys() {
    }

    /**
     * The SHA-256 fingerprint of a public key blob, e.g. {@code SHA256:FoBLUfeF+lllumr3...}.
     *
     * @param publicKeyBlob the key in SSH wire encoding (what the server sends during key exchange)
     */
    public static String sha256Fingerprint(byte[] publicKeyBlob) {
        Objects.requireNonNull(publicKeyBlob, "publicKeyBlob");
        if (publicKeyBlob.length == 0) {
            throw new IllegalArgumentException("an empty public key blob has no fingerprint");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyBlob);
            return SHA256_PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * The key type written at the start of a public key blob ({@code ssh-ed25519},
     * {@code ecdsa-sha2-nistp256}, {@code ssh-rsa}...), or {@code "unknown"} for a malformed blob.
     */
    public static String keyType(byte[] publicKeyBlob) {
        if (publicKeyBlob == null || publicKeyBlob.length < 4) {
            return "unknown";
        }
        int length = ByteBuffer.wrap(publicKeyBlob, 0, 4).getInt();
        if (length <= 0 || length > 64 || length > publicKeyBlob.length - 4) {
            return "unknown";
        }
        String type = new String(publicKeyBlob, 4, length, StandardCharsets.US_ASCII);
        return type.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? type : "unknown";
    }

    /** Whether the text is a well-formed SHA-256 fingerprint (see {@link #fingerprintProblem(String)}). */
    public static boolean isValidFingerprint(String fingerprint) {
        return fingerprintProblem(fingerprint).isEmpty();
    }

    /**
     * What is wrong with a fingerprint as typed into the register, or empty when it is well formed:
     * {@code SHA256:} then 43 base64 characters encoding exactly 32 bytes, no padding, no spaces.
     */
    public static Optional<String> fingerprintProblem(String fingerprint) {
        if (fingerprint == null || fingerprint.isBlank()) {
            return Optional.of("must not be blank: give the SHA256 fingerprint as ssh-keygen -lf prints it");
        }
        if (MD5_HEX.matcher(fingerprint).matches()) {
            return Optional.of("is an MD5 fingerprint; give the SHA256 one (ssh-keygen -lf -E sha256)");
        }
        if (!fingerprint.startsWith(SHA256_PREFIX)) {
            return Optional.of("must start with SHA256: (as ssh-keygen -lf prints it)");
        }
        String encoded = fingerprint.substring(SHA256_PREFIX.length());
        if (encoded.endsWith("=")) {
            return Optional.of("must not end with base64 padding '=' (ssh-keygen -lf prints none)");
        }
        if (!FINGERPRINT_PATTERN.matcher(fingerprint).matches()) {
            return Optional.of("must be SHA256: followed by exactly " + SHA256_BASE64_LENGTH
                    + " base64 characters (A-Z, a-z, 0-9, +, /)");
        }
        byte[] digest = Base64.getDecoder().decode(encoded + "=");
        if (digest.length != 32
                || !Base64.getEncoder().withoutPadding().encodeToString(digest).equals(encoded)) {
            return Optional.of("is not the base64 of a 32-byte SHA-256 digest (check its last character)");
        }
        return Optional.empty();
    }

    /**
     * Returns the fingerprint if it is well formed.
     *
     * @throws IllegalArgumentException naming {@code what} and the problem
     */
    public static String requireValidFingerprint(String fingerprint, String what) {
        Optional<String> problem = fingerprintProblem(fingerprint);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(what + " " + problem.get());
        }
        return fingerprint;
    }
}
