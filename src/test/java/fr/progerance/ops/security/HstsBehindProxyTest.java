package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestApi.Answer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.embedded.EmbeddedWebServerFactoryCustomizerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 7, section 7: behind a TLS proxy, with {@code server.forward-headers-strategy=native} as the
 * README says, the proxy's {@code X-Forwarded-Proto: https} makes the request secure and HSTS goes
 * out; a plain request gets none. A small web application with only the headers' configuration and
 * Tomcat's real forwarded-headers valve (the engine is not needed for this).
 */
@SpringBootTest(classes = HstsBehindProxyTest.ProxiedWeb.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.forward-headers-strategy=native", "ops.admin.password=not-used-in-this-test"})
class HstsBehindProxyTest {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("Issue 7: behind a proxy that says https (X-Forwarded-Proto, forward-headers on) the answer carries HSTS for a year")
    void hstsWhenTheProxySaysHttps() {
        TestApi api = TestApi.anonymous(port);
        Answer a = api.send(api.request("/ping").header("X-Forwarded-Proto", "https").GET());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.response().headers().allValues("Strict-Transport-Security")).containsExactly("max-age=31536000");
        assertThat(a.response().headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    @DisplayName("Issue 7: the same application answers a plain HTTP request without HSTS")
    void noHstsOverPlainHttp() {
        TestApi api = TestApi.anonymous(port);
        for (Answer a : new Answer[] {api.get("/ping"), api.send(api.request("/ping").header("X-Forwarded-Proto", "http").GET())}) {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.response().headers().firstValue("Strict-Transport-Security")).isEmpty();
            assertThat(a.response().headers().allValues("X-Frame-Options")).containsExactly("DENY");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class,
            EmbeddedWebServerFactoryCustomizerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class})
    @Import({HttpHeadersConfiguration.class, Ping.class})
    static class ProxiedWeb {
    }

    @RestController
    static class Ping {

        @GetMapping("/ping")
        String ping() {
            return "pong";
        }
    }
}
