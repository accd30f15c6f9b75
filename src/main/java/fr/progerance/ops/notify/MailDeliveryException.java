package fr.progerance.ops.notify;

/**
 * A mail could not be handed to the SMTP server, or another sender of the same key was still at it
 * after {@code ops.mail.claim-wait}. Unchecked so that the job that sent it fails and the engine
 * retries it ({@code failedJobRetryTimeCycle}), then raises an incident. Nothing was recorded as
 * sent: the retry sends again (or finds the other sender's mail sent).
 */
public class MailDeliveryException extends RuntimeException {

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public MailDeliveryException(String message) {
        super(message);
    }
}
