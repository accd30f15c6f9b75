package fr.progerance.ops.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings {@code ops.mail.*}: who the engine's mails come from, the internal addresses process
 * owners write to, and the public URL put in links. The SMTP server itself is Spring Boot's
 * {@code spring.mail.*} (host, port, username, password, timeouts).
 */
@ConfigurationProperties("ops.mail")
public class MailSettings {

    /** Sender of every mail (RFC 5322 address, a display name allowed). */
    private String from = "Progerance Infogérance <support@progerance.example>";

    /** The ops team's shared mailbox (internal notices). */
    private String opsAddress = "ops@progerance.example";

    /** The managers' mailbox (escalations, reports). */
    private String managersAddress = "direction@progerance.example";

    /** Public URL of the engine as clients reach it, used to build links in mails (no trailing slash needed). */
    private String baseUrl = "http://localhost:8080";

    /**
     * A send claims its idempotency key before talking to SMTP; a claim older than this is taken
     * to be abandoned (its sender died) and another send takes it over. Must exceed the longest
     * SMTP hand-over (JavaMail's timeouts: connect 10 s, read and write 30 s each, by default).
     */
    private Duration claimTimeout = Duration.ofMinutes(5);

    /**
     * How long a send waits for another sender of the same key (another run of the same job, or
     * another node) to finish before it fails with {@link MailDeliveryException}, so its job retries.
     */
    private Duration claimWait = Duration.ofSeconds(30);

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getOpsAddress() {
        return opsAddress;
    }

    public void setOpsAddress(String opsAddress) {
        this.opsAddress = opsAddress;
    }

    public String getManagersAddress() {
        return managersAddress;
    }

    public void setManagersAddress(String managersAddress) {
        this.managersAddress = managersAddress;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Duration getClaimTimeout() {
        return claimTimeout;
    }

    public void setClaimTimeout(Duration claimTimeout) {
        this.claimTimeout = claimTimeout;
    }

    public Duration getClaimWait() {
        return claimWait;
    }

    public void setClaimWait(Duration claimWait) {
        this.claimWait = claimWait;
    }

    /** {@link #getBaseUrl()} without trailing slashes, ready to append a path starting with "/". */
    public String baseUrlWithoutSlash() {
        String url = baseUrl == null ? "" : baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }
}
