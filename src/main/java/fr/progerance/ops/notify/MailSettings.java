package fr.progerance.ops.notify;

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

    /** {@link #getBaseUrl()} without trailing slashes, ready to append a path starting with "/". */
    public String baseUrlWithoutSlash() {
        String url = baseUrl == null ? "" : baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }
}
