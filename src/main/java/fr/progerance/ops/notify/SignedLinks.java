package fr.progerance.ops.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens for client links: {@code base64url(decisionId "." expiresAtEpochSeconds) "."
 * base64url(HMAC-SHA256(secret, decisionId "." expiresAtEpochSeconds))}, unpadded. The token is
 * the only authority of a client page (no login), so it is unforgeable without the secret, bound
 * to one decision and to its expiry, compared in constant time, and accepted only in its
 * canonical encoding.
 *
 * <p>The secret (setting {@code ops.links.secret}, see {@link LinkSettings}) must be the same on
 * every node of a cluster.
 */
public final class SignedLinks {

    /** What a token is worth. */
    public enum Check {
        /** Well-formed, signed with our secret, not expired. */
        VALID,
        /** Signed with our secret but past its expiry. */
        EXPIRED,
        /** Malformed, tampered with, or signed with another secret: nothing in it can be trusted. */
        INVALID
    }

    /**
     * The result of {@link #verify}: {@code decisionId} and {@code expiresAt} are set (and trusted)
     * only when the signature was right, that is for {@link Check#VALID} and {@link Check#EXPIRED}.
     */
    public record Verification(Check check, String decisionId, Instant expiresAt) {

        static final Verification INVALID = new Verification(Check.INVALID, null, null);

        public boolean valid() {
            return check == Check.VALID;
        }
    }

    private static final String HMAC = "HmacSHA256";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,12}");
    private static final int MAX_TOKEN_LENGTH = 256;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecretKeySpec pseudonymKey;
    private final Clock clock;

    public SignedLinks(byte[] secret, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < LinkSettings.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The link secret needs at least " + LinkSettings.MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), HMAC);
        // A separate key for pseudonyms, derived from the secret: a pseudonym never equals a signature.
        this.pseudonymKey = new SecretKeySpec(hmac(key, "ops-links/client-ip-pseudonym".getBytes(StandardCharsets.UTF_8)), HMAC);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The token for {@code decisionId} valid until {@code expiresAt} (second precision, exclusive). */
    public String token(String decisionId, Instant expiresAt) {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!ID.matcher(decisionId).matches()) {
            throw new IllegalArgumentException("A decision id is 1 to 64 letters, digits or '-'");
        }
        if (expiresAt.getEpochSecond() < 0) {
            throw new IllegalArgumentException("expiresAt before 1970");
        }
        byte[] payload = (decisionId + "." + expiresAt.getEpochSecond()).getBytes(StandardCharsets.US_ASCII);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(hmac(key, payload));
    }

    /** Checks format, signature (constant time) and expiry of {@code token}; never throws. */
    public Verification verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Verification.INVALID;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            return Verification.INVALID;
        }
        String payloadPart = token.substring(0, dot);
        String signaturePart = token.substring(dot + 1);
        byte[] payload = decodeCanonical(payloadPart);
        byte[] signature = decodeCanonical(signaturePart);
        if (payload == null || signature == null) {
            return Verification.INVALID;
        }
        byte[] expected = hmac(key, payload);
        boolean signed = MessageDigest.isEqual(expected, signature);
        Arrays.fill(expected, (byte) 0);
        if (!signed) {
            return Verification.INVALID;
        }
        String text = new String(payload, StandardCharsets.US_ASCII);
        int sep = text.lastIndexOf('.');
        if (sep <= 0) {
            return Verification.INVALID;
        }
        String id = text.substring(0, sep);
        String epoch = text.substring(sep + 1);
        if (!ID.matcher(id).matches() || !EPOCH.matcher(epoch).matches()) {
            return Verification.INVALID;
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(epoch));
        Check check = clock.instant().isBefore(expiresAt) ? Check.VALID : Check.EXPIRED;
        return new Verification(check, id, expiresAt);
    }

    /**
     * A keyed pseudonym of {@code value} (base64url of HMAC-SHA256 with a key derived from the
     * secret): the same input always gives the same pseudonym, yet it cannot be reversed by trying
     * every IPv4 address without the secret.
     */
    public String pseudonym(String value) {
        Objects.requireNonNull(value, "value");
        return ENCODER.encodeToString(hmac(pseudonymKey, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Decodes unpadded base64url, or null when the text is not exactly the encoding of its bytes. */
    private static byte[] decodeCanonical(String part) {
        try {
            byte[] bytes = DECODER.decode(part);
            // Reject padding and non-zero trailing bits: one byte string, one token.
            return ENCODER.encodeToString(bytes).equals(part) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
