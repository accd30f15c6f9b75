package fr.progerance.ops;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP peer on loopback that is slow: it holds back its answer to {@code DATA} (the 354)
 * and its acceptance of the message (the 250 after the final dot) for {@code replyDelay} each,
 * like an overloaded or greylisting relay. It speaks enough SMTP for JavaMail (greeting, EHLO/HELO,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT), one thread per connection, and keeps what it accepted.
 * {@link #failNext} makes it refuse the next messages with a temporary 451 after their data.
 */
public final class SlowSmtpServer implements AutoCloseable {

    private final Duration replyDelay;
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slow-smtp");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final List<byte[]> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger conversations = new AtomicInteger();
    private final AtomicInteger allConversations = new AtomicInteger();
    private final AtomicInteger peakConversations = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger toRefuse = new AtomicInteger();
    private volatile Runnable probe = () -> { };
    /** Opened by {@link #close}: the delays end at once. */
    private final CountDownLatch closed = new CountDownLatch(1);

    public SlowSmtpServer(Duration replyDelay) {
        this.replyDelay = replyDelay;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /**
     * Runs {@code probe} on the server's thread each time it starts holding back a reply, that is
     * while a client is for sure in the middle of an SMTP conversation.
     */
    public void onEveryDelay(Runnable probe) {
        this.probe = probe;
    }

    /** The next {@code n} messages are refused with "451" after their data (nothing kept). */
    public void failNext(int n) {
        toRefuse.set(n);
    }

    /** The messages accepted so far, in order of acceptance. */
    public List<MimeMessage> messages() {
        Session session = Session.getInstance(new Properties());
        List<MimeMessage> result = new ArrayList<>();
        for (byte[] raw : accepted) {
            try {
                result.add(new MimeMessage(session, new ByteArrayInputStream(raw)));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    /** Subjects of the accepted messages, in order of acceptance. */
    public List<String> subjects() {
        return messages().stream().map(m -> {
            try {
                return m.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The most SMTP conversations that were open at the same time. */
    public int peakConversations() {
        return peakConversations.get();
    }

    /** How many SMTP connections were opened in all. */
    public int conversations() {
        return allConversations.get();
    }

    /** How many SMTP connections are open now. */
    public int openConversations() {
        return conversations.get();
    }

    /** How many messages were refused by {@link #failNext}. */
    public int refusals() {
        return refusals.get();
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket client : clients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                threads.execute(() -> converse(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        allConversations.incrementAndGet();
        int open = conversations.incrementAndGet();
        peakConversations.accumulateAndGet(open, Math::max);
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = client.getOutputStream()) {
            reply(out, "220 slow.smtp.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> reply(out, "250-slow.smtp.test\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        pause();
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        byte[] message = readData(in);
                        pause();
                        if (toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            refusals.incrementAndGet();
                            reply(out, "451 4.3.0 Try again later");
                        } else {
                            accepted.add(message);
                            reply(out, "250 OK queued as " + accepted.size());
                        }
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (SocketException e) {
            // the client or close() hung up
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            clients.remove(client);
            conversations.decrementAndGet();
        }
    }

    private static byte[] readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            // RFC 5321 4.5.2: a leading dot was doubled by the client.
            data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return data.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The peer's slowness: waits {@code replyDelay}, or less when the server is closed. */
    private void pause() {
        probe.run();
        try {
            closed.await(replyDelay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
