package fr.progerance.ops.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a process asks a client (see {@link ClientDecisions#request}).
 *
 * @param requestKey idempotency key, unique per logical question and stable across job retries:
 *     for example {@code processInstanceId + ":" + activityId + ":" + contactId} (not the activity
 *     instance id, which changes on every retry); 1 to 200 characters
 * @param purpose short code of the kind of decision: {@code INCIDENT_ACTION}, {@code RESTORE},
 *     {@code QUOTE}... (upper case, digits, '_'; at most 40)
 * @param question the French question shown to the client (at most 2000 characters)
 * @param details optional French explanation (context, consequences; at most 4000 characters,
 *     line breaks separate paragraphs)
 * @param processInstanceId the process instance that waits for the answer
 * @param messageName the message its catch event or receive task waits for
 * @param variablePrefix null for the variables {@code decisionId}, {@code decisionApproved},
 *     {@code decisionChannel}; else a lower camel-case prefix ({@code restore} gives
 *     {@code restoreDecisionId}...), for a process that asks several questions
 * @param recipientContactId the contact asked (an id of the contract register), optional
 * @param recipientEmail the address the link is mailed to, optional (phone-only questions)
 * @param validity how long the link is valid; null for the setting {@code ops.links.validity}
 */
public record DecisionRequest(String requestKey, String purpose, String question, String details,
        String processInstanceId, String messageName, String variablePrefix, Long recipientContactId,
        String recipientEmail, Duration validity) {

    private static final Pattern PURPOSE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final Pattern PREFIX = Pattern.compile("[a-z][A-Za-z0-9]{0,29}");

    public DecisionRequest {
        requireText("requestKey", requestKey, 200);
        requireText("purpose", purpose, 40);
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must be an upper-case code such as INCIDENT_ACTION");
        }
        requireText("question", question, 2000);
        if (details != null && details.isBlank()) {
            details = null;
        }
        if (details != null && details.length() > 4000) {
            throw new IllegalArgumentException("details has more than 4000 characters");
        }
        requireText("processInstanceId", processInstanceId, 64);
        requireText("messageName", messageName, 255);
        if (variablePrefix != null && !PREFIX.matcher(variablePrefix).matches()) {
            throw new IllegalArgumentException("variablePrefix must be lower camel case (letters, digits), at most 30");
        }
        if (recipientEmail != null && (recipientEmail.isBlank() || recipientEmail.length() > 254)) {
            throw new IllegalArgumentException("recipientEmail must be 1 to 254 characters when given");
        }
        if (validity != null && (validity.isNegative() || validity.isZero())) {
            throw new IllegalArgumentException("validity must be positive");
        }
    }

    private static void requireText(String name, String value, int max) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must have 1 to " + max + " characters");
        }
    }
}
