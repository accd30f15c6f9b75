package fr.progerance.ops.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A browser's session in the Camunda webapps, as Tasklist holds it: the session cookie and the
 * CSRF token the webapps hand out ({@code X-XSRF-TOKEN} header, {@code XSRF-TOKEN} cookie), sent
 * back on every request.
 */
final class WebappSession {

    private final int port;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String csrfToken;

    private WebappSession(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A fresh session that has opened Tasklist's page (and so holds a CSRF token), not logged in. */
    static WebappSession open(int port) {
        WebappSession session = new WebappSession(port);
        HttpResponse<String> page = session.send(session.request("/camunda/app/tasklist/default/").GET());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("Tasklist's page answered " + page.statusCode());
        }
        return session;
    }

    /** Logged in to Tasklist as this user. */
    static WebappSession loggedIn(int port, String user, String password) {
        WebappSession session = open(port);
        HttpResponse<String> login = session.send(session.login(user, password));
        if (login.statusCode() != 200) {
            throw new IllegalStateException("Login of " + user + " answered " + login.statusCode() + ": " + login.body());
        }
        // The login starts a new session with a new CSRF token: Tasklist reads it from its next answer.
        HttpResponse<String> me = session.get("/camunda/api/admin/auth/user/default");
        if (me.statusCode() != 200) {
            throw new IllegalStateException("After login, the session answered " + me.statusCode() + ": " + me.body());
        }
        return session;
    }

    HttpRequest.Builder login(String user, String password) {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (csrfToken != null) {
            builder.header("X-XSRF-TOKEN", csrfToken);
        }
        return builder;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue("X-XSRF-TOKEN").filter(t -> !t.equals("Required")).ifPresent(t -> csrfToken = t);
            for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
                if (cookie.getName().equals("XSRF-TOKEN")) {
                    csrfToken = cookie.getValue();
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String csrfToken() {
        return csrfToken;
    }
}
