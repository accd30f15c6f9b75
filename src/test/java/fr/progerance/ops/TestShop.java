package fr.progerance.ops;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A client's shop for the incident tests: a real HTTP server on 127.0.0.1 that answers a small
 * page with the status a test sets (200 by default, reset before each test). Use it as a JUnit 5
 * extension on a static field, or start and close it by hand.
 */
public final class TestShop implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AutoCloseable {

    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    public synchronized TestShop start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] page = "<html><title>Boutique</title></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        return this;
    }

    /** The shop's URL, as the register's {@code prestashopUrl}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The HTTP status the shop answers from now on. */
    public void answer(int httpStatus) {
        status.set(httpStatus);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        status.set(200);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
