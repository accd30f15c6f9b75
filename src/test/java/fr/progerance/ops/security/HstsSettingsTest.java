package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Issue 7, section 7: when HSTS goes out, and what it says (ops.http.hsts.*). */
class HstsSettingsTest {

    @Test
    @DisplayName("Issue 7: HSTS only on a secure request, and not at all when ops.http.hsts.enabled is false")
    void onlyOnSecureRequests() {
        HttpSettings.Hsts defaults = new HttpSettings.Hsts(true, Duration.ofDays(365), false);
        assertThat(defaults.headerFor(true)).isEqualTo("max-age=31536000");
        assertThat(defaults.headerFor(false)).isNull();
        assertThat(new HttpSettings.Hsts(false, Duration.ofDays(365), false).headerFor(true)).isNull();
        assertThat(new HttpSettings.Hsts(true, Duration.ofDays(2), true).headerFor(true))
                .isEqualTo("max-age=172800 ; includeSubDomains");
        assertThatThrownBy(() -> new HttpSettings.Hsts(true, Duration.ofSeconds(-1), false))
                .hasMessageContaining("ops.http.hsts.max-age");
    }

    @Test
    @DisplayName("Issue 7: the filter writes nosniff and frame DENY on every request, HSTS on the secure one only")
    void filterDecision() throws Exception {
        SecurityHeadersFilter filter = new SecurityHeadersFilter(new HttpSettings.Hsts(true, Duration.ofDays(365), false));
        for (boolean secure : new boolean[] {false, true}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/camunda/app/tasklist/");
            request.setSecure(secure);
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, new MockFilterChain());
            assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo(secure ? "max-age=31536000" : null);
        }
    }
}
