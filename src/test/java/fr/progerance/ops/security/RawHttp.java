package fr.progerance.ops.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP/1.1 over a plain socket: the request target goes out byte for byte as written, where
 * {@code java.net.http} would refuse or rewrite some of them ({@code ..}, backslash, absolute form).
 */
final class RawHttp {

    private final int port;
    private final String authorization;

    private RawHttp(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    static RawHttp anonymous(int port) {
        return new RawHttp(port, null);
    }

    static RawHttp as(int port, String user, String password) {
        return new RawHttp(port, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code GET target}; answers the status code and the whole response text. */
    Response get(String target) {
        StringBuilder request = new StringBuilder()
                .append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Accept: application/json\r\n")
                .append("Connection: close\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 ")) {
                throw new IllegalStateException("Not an HTTP answer to " + target + ": " + text);
            }
            return new Response(Integer.parseInt(text.substring(9, 12)), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Response(int status, String text) {

        @Override
        public String toString() {
            return text.length() > 600 ? text.substring(0, 600) + "..." : text;
        }
    }
}
