package fr.progerance.ops;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;

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

    /**
     * The first mail GreenMail received for {@code address} whose subject starts with
     * {@code subjectStart}; fails naming every subject received when there is none.
     */
    public static MimeMessage to(GreenMailExtension mail, String address, String subjectStart) throws Exception {
        mail.waitForIncomingEmail(5_000, 1);
        for (MimeMessage m : mail.getReceivedMessages()) {
            boolean to = Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            if (to && m.getSubject().startsWith(subjectStart)) {
                return m;
            }
        }
        throw new AssertionError("No mail to " + address + " starting '" + subjectStart + "' among "
                + Arrays.stream(mail.getReceivedMessages()).map(m -> {
                    try {
                        return m.getSubject();
                    } catch (Exception e) {
                        return "?";
                    }
                }).toList());
    }

    public static String text(Message message) throws MessagingException, IOException {
        return content(message, "text/plain");
    }

    public static String html(Message message) throws MessagingException, IOException {
        return content(message, "text/html");
    }
}
