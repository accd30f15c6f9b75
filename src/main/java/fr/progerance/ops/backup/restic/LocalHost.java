package fr.progerance.ops.backup.restic;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's host name as restic (Go's os.Hostname) writes it into lock files. */
final class LocalHost {

    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private static volatile String name;

    private LocalHost() {
    }

    static String name() {
        String n = name;
        if (n == null) {
            n = lookup();
            name = n;
        }
        return n;
    }

    private static String lookup() {
        try {
            if (Files.isReadable(KERNEL_HOSTNAME)) {
                String value = new String(Files.readAllBytes(KERNEL_HOSTNAME), StandardCharsets.UTF_8).strip();
                if (!value.isEmpty()) {
                    return value;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
