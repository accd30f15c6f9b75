package fr.progerance.ops.update.version;

/** A text that is not a PrestaShop version; the message says what is wrong and quotes at most 40 characters. */
public class InvalidVersionException extends IllegalArgumentException {

    public InvalidVersionException(String message) {
        super(message);
    }
}
