package fr.progerance.ops.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 from a chosen loopback source address ({@code 127.0.0.2}, {@code 127.0.0.3}...): the
 * socket is bound to it before connecting, so the server sees that peer, as it would see another
 * machine. {@code java.net.http} cannot choose its local address on Java 17.
 */
final class SourceHttp {

    private final String source;
    private final int port;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private SourceHttp(String source, int port) {
        this.source = source;
        this.port = port;
    }

    static SourceHttp from(String source, int port) {
        return new SourceHttp(source, port);
    }

    SourceHttp basic(String user, String password) {
        return header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    SourceHttp header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response post(String path, String contentType, String body) {
        return send("POST", path, contentType, body);
    }

    Response send(String method, String path, String contentType, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Accept: application/json\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return Response.parse(all.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Response(int status, Map<String, String> headers, String body) {

        static Response parse(String text) {
            if (!text.startsWith("HTTP/1.1 ")) {
                throw new IllegalStateException("Not an HTTP answer: " + text);
            }
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            Map<String, String> headers = new LinkedHashMap<>();
            String[] lines = head.split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    // a repeated header (Set-Cookie) keeps every value, one a line
                    headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim(), (a, b) -> a + "\n" + b);
                }
            }
            String body = end < 0 ? "" : text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Response(Integer.parseInt(text.substring(9, 12)), headers, body);
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /** The cookies this answer sets, as a {@code Cookie} request header sends them back. */
        String cookies() {
            return header("Set-Cookie").stream().flatMap(v -> v.lines())
                    .map(c -> c.split(";", 2)[0].trim()).reduce((a, b) -> a + "; " + b).orElse("");
        }

        private static String unchunk(String chunked) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int lineEnd = chunked.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
        }
    }
}
