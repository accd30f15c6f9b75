package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AdminPasswordCheckTest {

    private final AdminPasswordCheck check = new AdminPasswordCheck();

    @Test
    @DisplayName("Outside the demo, starting without an administrator password is refused with a clear message")
    void refusedWithoutPassword() {
        MockEnvironment env = new MockEnvironment();
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null))
                .isInstanceOf(AdminPasswordCheck.MissingAdminPasswordException.class)
                .hasMessageContaining("OPS_ADMIN_PASSWORD")
                .hasMessageContaining("no built-in default password");
        env.setProperty("ops.admin.password", "   ");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null))
                .isInstanceOf(AdminPasswordCheck.MissingAdminPasswordException.class);
    }

    @Test
    @DisplayName("A too-short administrator password is refused")
    void refusedShortPassword() {
        MockEnvironment env = new MockEnvironment().withProperty("ops.admin.password", "short");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null)).hasMessageContaining("at least 8");
    }

    @Test
    @DisplayName("An administrator name Camunda would reject is refused before start")
    void refusedBadUsername() {
        MockEnvironment env = new MockEnvironment().withProperty("ops.admin.password", "a long secret")
                .withProperty("ops.admin.username", "ops-admin");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null)).hasMessageContaining("letters and digits");
    }

    @Test
    @DisplayName("The demo profile starts without an administrator password (it has its own login)")
    void demoNeedsNoPassword() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("demo");
        assertThatCode(() -> check.postProcessEnvironment(env, null)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("A real password is accepted, with or without the demo profile")
    void passwordAccepted() {
        MockEnvironment env = new MockEnvironment().withProperty("ops.admin.password", "a long secret");
        assertThatCode(() -> check.postProcessEnvironment(env, null)).doesNotThrowAnyException();
        env.setActiveProfiles("demo");
        assertThatCode(() -> check.postProcessEnvironment(env, null)).doesNotThrowAnyException();
    }
}
