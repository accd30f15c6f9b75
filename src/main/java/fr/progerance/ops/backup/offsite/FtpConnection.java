package fr.progerance.ops.backup.offsite;

import fr.progerance.ops.backup.offsite.OffsiteSettings.TlsMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * One authenticated FTP(S) connection of one store call (never shared between threads), with the
 * failures translated into readable {@link OffsiteException}s. Binary mode always; the data
 * connections of FTPS are protected ({@code PROT P}); the server's certificate is verified against
 * the trust store and must name the host.
 */
final class FtpConnection implements AutoCloseable {

    /** Offered TLS versions: nothing older than 1.2. */
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private static final int BUFFER_SIZE = 64 * 1024;

    /** An entry of a directory listing. */
    record Entry(String name, boolean directory, long size) {
    }

    private final OffsiteSettings settings;
    private final String operation;
    private final FTPClient client;
    private boolean mlsd;
    private boolean sizeCommand;
    private boolean mlst;
    private boolean restStream;
    private String home;

    private FtpConnection(OffsiteSettings settings, String operation, FTPClient client) {
        this.settings = settings;
        this.operation = operation;
        this.client = client;
    }

    /**
     * Connects, protects (FTPS), logs in and switches to binary mode.
     *
     * @param operation what the call does, for messages ({@code mirror of client-12})
     * @param useMlsd false to list with LIST even where the server offers MLSD
     */
    static FtpConnection open(OffsiteSettings settings, String operation, boolean useMlsd) {
        FTPClient client = newClient(settings, operation);
        FtpConnection connection = new FtpConnection(settings, operation, client);
        try {
            connection.connectAndLogin(useMlsd);
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static FTPClient newClient(OffsiteSettings settings, String operation) {
        FTPClient client;
        if (settings.tls() == TlsMode.NONE) {
            client = new FTPClient();
        } else {
            FTPSClient ftps = new FTPSClient(settings.tls() == TlsMode.IMPLICIT, sslContext(settings, operation));
            ftps.setEndpointCheckingEnabled(true); // the certificate must name the host (RFC 2818 rules)
            ftps.setEnabledProtocols(TLS_PROTOCOLS.clone());
            client = ftps;
        }
        client.setControlEncoding(StandardCharsets.UTF_8.name());
        client.setConnectTimeout(millis(settings.connectTimeout()));
        client.setDefaultTimeout(millis(settings.dataTimeout()));
        client.setDataTimeout(settings.dataTimeout());
        client.setBufferSize(BUFFER_SIZE);
        client.setRemoteVerificationEnabled(true); // data connections only from the server's address
        return client;
    }

    private void connectAndLogin(boolean useMlsd) {
        try {
            client.connect(settings.host(), settings.effectivePort());
            if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
                throw replyFailure("connect", null);
            }
            client.setSoTimeout(millis(settings.dataTimeout()));
            if (client instanceof FTPSClient ftps) {
                ftps.execPBSZ(0);
                ftps.execPROT("P"); // data connections encrypted too
            }
            login();
            if (!client.setFileType(FTP.BINARY_FILE_TYPE)) {
                throw replyFailure("TYPE I (binary mode)", null);
            }
            if (settings.passive()) {
                client.enterLocalPassiveMode();
            } else {
                client.enterLocalActiveMode();
            }
            mlsd = useMlsd && client.hasFeature("MLST");
            mlst = client.hasFeature("MLST");
            sizeCommand = client.hasFeature("SIZE");
            restStream = client.hasFeature("REST", "STREAM");
            home = client.printWorkingDirectory();
            if (home == null || !home.startsWith("/")) {
                throw replyFailure("PWD (login directory)", null);
            }
        } catch (IOException e) {
            throw failure("connect", null, e);
        }
    }

    private void login() throws IOException {
        String password = readPassword(settings, operation);
        boolean loggedIn;
        try {
            loggedIn = client.login(settings.user(), password);
        } finally {
            password = null; // the only reference: nothing keeps it beyond the login
        }
        if (!loggedIn) {
            int code = client.getReplyCode();
            if (code == FTPReply.NOT_LOGGED_IN) {
                throw new OffsiteException(prefix() + " refused the login of user '" + settings.user() + "' (reply "
                        + code + " " + replyText() + "): check " + OffsiteSettings.PREFIX + ".user and the password in "
                        + settings.passwordFile() + " (setting " + OffsiteSettings.PREFIX + ".password-file)", false,
                        code, null);
            }
            throw replyFailure("login of user '" + settings.user() + "'", null);
        }
    }

    // --- what the server offers --------------------------------------------------------------

    /** Whether an upload can continue a partial file ({@code REST STREAM} then {@code STOR}). */
    boolean supportsRestart() {
        return restStream;
    }

    /** The absolute remote directory of the copy {@code remoteName}. */
    String root(String remoteName) {
        String base = settings.baseDirectory();
        String dir;
        if (base.isEmpty()) {
            dir = home;
        } else if (base.startsWith("/")) {
            dir = base;
        } else {
            dir = join(home, base);
        }
        return join(dir, remoteName);
    }

    static String join(String dir, String name) {
        String d = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        return d + "/" + name;
    }

    // --- directories -------------------------------------------------------------------------

    /** Whether the remote directory exists. */
    boolean directoryExists(String dir, String file) {
        try {
            if (client.changeWorkingDirectory(dir)) {
                // Back home: some servers refuse to remove the current directory.
                if (home != null && !client.changeWorkingDirectory(home)) {
                    throw replyFailure("CWD " + home + " (login directory)", file);
                }
                return true;
            }
            int code = client.getReplyCode();
            if (FTPReply.isNegativePermanent(code)) {
                return false;
            }
            throw replyFailure("CWD " + dir, file);
        } catch (IOException e) {
            throw failure("CWD " + dir, file, e);
        }
    }

    /** Creates {@code dir} and its missing parents. */
    void makeDirectories(String dir, String file) {
        if (dir.equals("/") || directoryExists(dir, file)) {
            return;
        }
        makeDirectories(dir.substring(0, Math.max(1, dir.lastIndexOf('/'))), file);
        try {
            if (client.makeDirectory(dir)) {
                return;
            }
            int code = client.getReplyCode();
            String text = replyText();
            if (directoryExists(dir, file)) {
                return; // created meanwhile, or the server answers MKD on an existing directory with 550
            }
            throw new OffsiteException(prefix() + ": cannot create the directory " + dir + where(file) + " (reply "
                    + code + " " + text + ")", FTPReply.isNegativeTransient(code), code, null);
        } catch (IOException e) {
            throw failure("MKD " + dir, file, e);
        }
    }

    /** The entries of a directory (MLSD where offered, else LIST); "." and ".." left out. */
    List<Entry> list(String dir) {
        try {
            FTPFile[] files = mlsd ? client.mlistDir(dir) : client.listFiles(dir);
            if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
                throw replyFailure((mlsd ? "MLSD " : "LIST ") + dir, null);
            }
            List<Entry> entries = new ArrayList<>();
            for (FTPFile f : files) {
                if (f == null || f.getName() == null) {
                    continue; // a line the parser could not read
                }
                String name = f.getName();
                name = name.substring(name.lastIndexOf('/') + 1);
                if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                    continue;
                }
                entries.add(new Entry(name, f.isDirectory(), f.getSize()));
            }
            return entries;
        } catch (IOException e) {
            throw failure((mlsd ? "MLSD " : "LIST ") + dir, null, e);
        }
    }

    void removeDirectory(String dir) {
        try {
            if (!client.removeDirectory(dir)) {
                int code = client.getReplyCode();
                String text = replyText();
                if (directoryExists(dir, null)) {
                    throw new OffsiteException(prefix() + ": cannot remove the directory " + dir + " (reply " + code
                            + " " + text + ")", FTPReply.isNegativeTransient(code), code, null);
                }
            }
        } catch (IOException e) {
            throw failure("RMD " + dir, null, e);
        }
    }

    // --- files -------------------------------------------------------------------------------

    /** The size of a remote file, or -1 when it does not exist (SIZE, else MLST, else LIST). */
    long size(String path, String file) {
        try {
            if (sizeCommand) {
                String reply = client.getSize(path);
                if (reply != null) {
                    return Long.parseLong(reply.strip());
                }
                if (FTPReply.isNegativePermanent(client.getReplyCode())) {
                    return -1;
                }
                throw replyFailure("SIZE", file);
            }
            if (mlst) {
                FTPFile f = client.mlistFile(path);
                return f == null || !f.isFile() ? -1 : f.getSize();
            }
            FTPFile[] files = client.listFiles(path);
            return files.length == 1 && files[0] != null && files[0].isFile() ? files[0].getSize() : -1;
        } catch (NumberFormatException e) {
            throw new OffsiteException(prefix() + ": unreadable SIZE reply for " + file + ": " + replyText(), true);
        } catch (IOException e) {
            throw failure("SIZE", file, e);
        }
    }

    /**
     * Stores {@code local} from byte {@code offset} on into {@code remote} (a restart with REST when
     * the offset is positive).
     *
     * @return the bytes sent
     */
    long upload(Path local, String remote, long offset, String file) {
        long size;
        try (SeekableByteChannel channel = Files.newByteChannel(local)) {
            size = channel.size();
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            client.setRestartOffset(offset);
            if (!client.storeFile(remote, in)) {
                throw replyFailure(offset > 0 ? "upload (resumed at byte " + offset + ")" : "upload", file);
            }
        } catch (NoSuchFileException e) {
            throw new OffsiteException(prefix() + ": the local file " + local
                    + " disappeared during the upload (a prune running at the same time?)", true, OffsiteException.NO_REPLY,
                    e);
        } catch (IOException e) {
            throw failure("upload", file, e);
        } finally {
            client.setRestartOffset(0);
        }
        return size - offset;
    }

    /** Writes the remote file to {@code out}; returns the bytes received. */
    long download(String remote, OutputStream out, String file) {
        CountingOutputStream counting = new CountingOutputStream(out);
        try {
            if (!client.retrieveFile(remote, counting)) {
                throw replyFailure("download", file);
            }
            return counting.count;
        } catch (IOException e) {
            throw failure("download", file, e);
        }
    }

    void rename(String from, String to, String file) {
        try {
            if (!client.rename(from, to)) {
                throw replyFailure("rename of the verified upload", file);
            }
        } catch (IOException e) {
            throw failure("rename", file, e);
        }
    }

    /** Deletes a remote file; one that is already gone is fine (idempotent). */
    void delete(String path, String file) {
        try {
            if (!client.deleteFile(path)) {
                int code = client.getReplyCode();
                String text = replyText();
                if (FTPReply.isNegativePermanent(code) && size(path, file) < 0) {
                    return;
                }
                throw new OffsiteException(prefix() + ": cannot delete " + file + " (reply " + code + " " + text + ")",
                        FTPReply.isNegativeTransient(code), code, null);
            }
        } catch (IOException e) {
            throw failure("delete", file, e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                try {
                    client.logout();
                } catch (IOException | RuntimeException e) {
                    // The connection is going anyway.
                }
                client.disconnect();
            }
        } catch (IOException e) {
            // Nothing to do: the socket is closed or lost.
        }
    }

    // --- failures ----------------------------------------------------------------------------

    /** "Off-site FTP server host:port, mirror of client-12" */
    String prefix() {
        return "Off-site FTP server " + settings.describe() + ", " + operation;
    }

    private static String where(String file) {
        return file == null ? "" : " (file " + file + ")";
    }

    private String replyText() {
        String reply = client.getReplyString();
        if (reply == null) {
            return "";
        }
        String text = reply.strip().replaceAll("[\\r\\n]+", " ");
        if (text.length() >= 3 && text.substring(0, 3).chars().allMatch(Character::isDigit)) {
            text = text.substring(3).strip();
            if (text.startsWith("-")) {
                text = text.substring(1).strip();
            }
        }
        return OffsitePaths.printable(text.length() > 200 ? text.substring(0, 200) : text);
    }

    /** A negative or unexpected reply: 4xx retryable, 5xx not. */
    private OffsiteException replyFailure(String step, String file) {
        int code = client.getReplyCode();
        return new OffsiteException(prefix() + ": " + step + " failed" + where(file) + ": reply " + code + " "
                + replyText(), FTPReply.isNegativeTransient(code), code, null);
    }

    private OffsiteException failure(String step, String file, IOException e) {
        if (isCertificateFailure(e)) {
            return new OffsiteException(prefix() + ": the TLS certificate of " + settings.host()
                    + " is not trusted or does not name the host (" + trustDescription() + "): "
                    + OffsitePaths.printable(String.valueOf(e.getMessage())), false, OffsiteException.NO_REPLY, e);
        }
        String reason;
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            reason = "cannot connect (" + e.getMessage() + "): is the server up? (setting " + OffsiteSettings.PREFIX
                    + ".host and .port)";
        } else if (e instanceof SocketTimeoutException) {
            reason = "no answer within the time-out (" + OffsiteSettings.PREFIX + (step.equals("connect")
                    ? ".connect-timeout " + settings.connectTimeout() : ".data-timeout " + settings.dataTimeout()) + ")";
        } else if (e instanceof UnknownHostException) {
            reason = "unknown host (setting " + OffsiteSettings.PREFIX + ".host)";
        } else if (e instanceof FTPConnectionClosedException) {
            reason = "the server closed the connection (" + e.getMessage() + ")";
        } else if (e instanceof SSLException) {
            reason = "TLS failure: " + e.getMessage();
        } else {
            reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        // Network trouble, a lost connection, a TLS failure that is not about the certificate: may pass.
        return new OffsiteException(prefix() + ": " + step + " failed" + where(file) + ": "
                + OffsitePaths.printable(reason), true, OffsiteException.NO_REPLY, e);
    }

    private String trustDescription() {
        return settings.trustStore() == null ? "the JVM's default CA certificates; set " + OffsiteSettings.PREFIX
                + ".trust-store" : "trust store " + settings.trustStore() + ", setting " + OffsiteSettings.PREFIX
                        + ".trust-store";
    }

    static boolean isCertificateFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException || cause instanceof CertPathValidatorException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    // --- secrets and trust -------------------------------------------------------------------

    /** The first line of the password file, which must be readable by its owner only. */
    static String readPassword(OffsiteSettings settings, String operation) {
        Path file = Path.of(settings.passwordFile());
        String setting = " (setting " + OffsiteSettings.PREFIX + ".password-file)";
        String prefix = "Off-site FTP server " + settings.describe() + ", " + operation + ": ";
        if (!Files.isRegularFile(file)) {
            throw new OffsiteException(prefix + "no password file at " + file + setting, false);
        }
        byte[] content = null;
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> open = EnumSet.copyOf(posix.readAttributes().permissions());
                open.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE));
                if (!open.isEmpty()) {
                    throw new OffsiteException(prefix + "the password file " + file + setting
                            + " must be readable by its owner only: chmod 600 it", false);
                }
            }
            content = Files.readAllBytes(file);
            int end = 0;
            while (end < content.length && content[end] != '\n' && content[end] != '\r') {
                end++;
            }
            if (end == 0) {
                throw new OffsiteException(prefix + "the password file " + file + setting + " is empty", false);
            }
            return new String(content, 0, end, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OffsiteException(prefix + "cannot read the password file " + file + setting + ": "
                    + e.getClass().getSimpleName(), false, OffsiteException.NO_REPLY, null);
        } finally {
            if (content != null) {
                Arrays.fill(content, (byte) 0);
            }
        }
    }

    /** A TLS context that trusts the configured trust store (or the JVM's CA certificates), never everything. */
    static SSLContext sslContext(OffsiteSettings settings, String operation) {
        String prefix = "Off-site FTP server " + settings.describe() + ", " + operation + ": ";
        String setting = " (setting " + OffsiteSettings.PREFIX + ".trust-store, type " + settings.trustStoreType() + ")";
        KeyStore trusted = null;
        if (settings.trustStore() != null) {
            Path file = Path.of(settings.trustStore());
            if (!Files.isRegularFile(file)) {
                throw new OffsiteException(prefix + "no trust store at " + file + setting, false);
            }
            try (InputStream in = Files.newInputStream(file)) {
                if (settings.trustStoreType().equals("PEM")) {
                    trusted = KeyStore.getInstance("PKCS12");
                    trusted.load(null, null);
                    int i = 0;
                    for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        trusted.setCertificateEntry("trusted-" + i++, certificate);
                    }
                } else {
                    trusted = KeyStore.getInstance(settings.trustStoreType());
                    trusted.load(in, trustStorePassword(settings, prefix));
                }
                int certificates = 0;
                for (String alias : Collections.list(trusted.aliases())) {
                    if (trusted.isCertificateEntry(alias)) {
                        certificates++;
                    }
                }
                if (certificates == 0) {
                    throw new OffsiteException(prefix + "the trust store " + file + setting
                            + " holds no trusted certificate", false);
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new OffsiteException(prefix + "cannot read the trust store " + file + setting + ": "
                        + e.getClass().getSimpleName() + " " + e.getMessage(), false, OffsiteException.NO_REPLY, e);
            }
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted); // null: the JVM's default CA certificates
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new OffsiteException(prefix + "cannot set up TLS: " + e.getMessage(), false, OffsiteException.NO_REPLY,
                    e);
        }
    }

    private static char[] trustStorePassword(OffsiteSettings settings, String prefix) throws IOException {
        if (settings.trustStorePasswordFile() == null) {
            return null; // certificates of a PKCS12 store written without certificate encryption, or JKS
        }
        Path file = Path.of(settings.trustStorePasswordFile());
        if (!Files.isRegularFile(file)) {
            throw new OffsiteException(prefix + "no trust store password file at " + file + " (setting "
                    + OffsiteSettings.PREFIX + ".trust-store-password-file)", false);
        }
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        return first.toCharArray();
    }

    private static int millis(java.time.Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /** Counts the bytes written through it. */
    private static final class CountingOutputStream extends OutputStream {

        private final OutputStream out;
        long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
