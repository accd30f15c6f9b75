package fr.progerance.ops;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/** Reads the decoded text of received mails (GreenMail) as a person would see it. */
public final class Mails {

    private Mails() {
    }

    /** The first part of {@code part} with that MIME type, as text, or null. */
    public static String content(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return ((String) part.getContent()).replace("\r\n", "\n");
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = content(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public static String text(Message message) throws MessagingException, IOException {
        return content(message, "text/plain");
    }

    public static String html(Message message) throws MessagingException, IOException {
        return content(message, "text/html");
    }
}
