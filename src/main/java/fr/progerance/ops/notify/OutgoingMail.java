package fr.progerance.ops.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One mail to send.
 *
 * @param idempotencyKey unique per logical mail, stable across job retries (for example
 *     {@code "incident:" + processInstanceId + ":decision-request:" + decisionId}); at most 200 characters
 * @param to the recipients' addresses (at least one)
 * @param templateName a template under {@code templates/notify/mail/} ({@code decision-request}, {@code plain-notice}, ...)
 * @param locale the recipient's language; {@code null} means French
 * @param model the template's variables
 */
public record OutgoingMail(String idempotencyKey, List<String> to, String templateName, Locale locale,
        Map<String, Object> model) {

    /** French, the default language of every mail. */
    public static final Locale FRENCH = Locale.FRENCH;

    public static final int MAX_KEY_LENGTH = 200;

    public OutgoingMail {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotencyKey must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        Objects.requireNonNull(to, "to");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs at least one recipient");
        }
        to = List.copyOf(to);
        Objects.requireNonNull(templateName, "templateName");
        locale = locale == null ? FRENCH : locale;
        // Copy without requiring non-null values: templates treat a missing value as absent.
        model = model == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(model));
    }

    /** A French mail. */
    public static OutgoingMail french(String idempotencyKey, List<String> to, String templateName,
            Map<String, Object> model) {
        return new OutgoingMail(idempotencyKey, to, templateName, FRENCH, model);
    }
}
