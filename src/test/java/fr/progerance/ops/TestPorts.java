package fr.progerance.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Loopback ports chosen once per test JVM, for peers that the shared Spring context must know. */
public final class TestPorts {

    /** The SMTP server (GreenMail) of the tests that read mail; the test profile's spring.mail.port. */
    public static final int SMTP = free();

    /**
     * The off-site FTP server (EmbeddedFtpServer) of the backup end-to-end test; the test profile's
     * ops.backup.offsite.port. Other tests reach the off-site store through a fake and never connect.
     */
    public static final int FTP = free();

    private TestPorts() {
    }

    private static int free() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
