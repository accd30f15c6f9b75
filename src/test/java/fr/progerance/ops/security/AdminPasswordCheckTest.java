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
    @DisplayName("A too-short administrator password is refused: the password policy's minimum, 12 by default")
    void refusedShortPassword() {
        MockEnvironment env = new MockEnvironment().withProperty("ops.admin.password", "short-pass");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null))
                .isInstanceOf(AdminPasswordCheck.MissingAdminPasswordException.class)
                .hasMessageContaining("OPS_ADMIN_PASSWORD").hasMessageContaining("at least 12 characters");
        env.setProperty("ops.security.password.min-length", "20");
        env.setProperty("ops.admin.password", "a long secret");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null)).hasMessageContaining("at least 20 characters");
    }

    @Test
    @DisplayName("The administrator password follows the whole policy: not the administrator's name, not a common password")
    void refusedWeakPassword() {
        MockEnvironment env = new MockEnvironment().withProperty("ops.admin.username", "root")
                .withProperty("ops.admin.password", "root-password-2026");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null)).hasMessageContaining("not the user id");
        env.setProperty("ops.admin.username", "admin");
        env.setProperty("ops.admin.password", "Motdepasse2026!");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null)).hasMessageContaining("commonly used");
        env.setProperty("ops.admin.username", "");
        env.setProperty("ops.admin.password", "my-admin-password");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null))
                .as("the default name 'admin'").hasMessageContaining("not the user id");
    }

    @Test
    @DisplayName("The monitoring account's password, when set, follows the policy too")
    void monitoringPassword() {
        MockEnvironment env = new MockEnvironment().withProperty("ops.admin.password", "a long secret")
                .withProperty("ops.monitoring.password", "prom");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null))
                .hasMessageContaining("OPS_MONITORING_PASSWORD").hasMessageContaining("at least 12 characters");
        env.setProperty("ops.monitoring.password", "a long scrape secret");
        assertThatCode(() -> check.postProcessEnvironment(env, null)).doesNotThrowAnyException();
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
