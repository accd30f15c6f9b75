package fr.progerance.ops.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings {@code ops.links.*}: signed client decision links.
 *
 * <p>{@code secret} signs the links (HMAC-SHA256) and keys the pseudonym of the client's IP.
 * At least 32 bytes (UTF-8). When blank, one node generates a random secret once and keeps it
 * in {@code ${ops.data-dir}/secrets/links.key} (owner-only permissions); that is fine for one
 * node, but <b>every node of a cluster must share the same secret through this setting</b>
 * (environment variable {@code OPS_LINKS_SECRET}), otherwise a link mailed by one node is refused
 * by another. Changing the secret invalidates every open link.
 */
@ConfigurationProperties("ops.links")
public class LinkSettings {

    /** Minimum secret length in bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    /** HMAC secret for the links; blank means "generate once into the data directory". */
    private String secret = "";

    /**
     * How long a client may answer a decision link. Not a contract number: the contract sets no
     * delay for a client's answer, this is the provider's choice (72 h covers a weekend). A
     * process may ask for a shorter validity per decision.
     */
    private Duration validity = Duration.ofHours(72);

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public Duration getValidity() {
        return validity;
    }

    public void setValidity(Duration validity) {
        this.validity = validity;
    }
}
