package fr.progerance.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Issue 7: ops.register.allowed-private-ranges as an operator sets it. */
class RegisterSettingsTest {

    private static RegisterSettings fromEnvironment(Map<String, Object> variables) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("ops.register",
                RegisterSettings.class);
    }

    @Test
    @DisplayName("Issue 7: OPS_REGISTER_ALLOWEDPRIVATERANGES lists ranges separated by commas; unset, none is allowed")
    void environmentVariable() {
        RegisterSettings settings = fromEnvironment(Map.of("OPS_REGISTER_ALLOWEDPRIVATERANGES",
                "10.20.0.0/16, fd12:3456::/48"));
        assertThat(settings.addressPolicy().allowedPrivateRanges()).extracting(IpRange::toString)
                .containsExactly("10.20.0.0/16", "fd12:3456::/48");
        assertThat(HostAddresses.problem("10.20.3.4", settings.addressPolicy())).isEmpty();
        assertThat(fromEnvironment(Map.of()).addressPolicy().allowedPrivateRanges()).isEmpty();
        assertThat(fromEnvironment(Map.of()).allowLoopbackAddresses()).isFalse();
    }

    @Test
    @DisplayName("Issue 7: a range that is not private stops the start, naming the setting")
    void notPrivate() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("OPS_REGISTER_ALLOWEDPRIVATERANGES", "169.254.0.0/16")))
                .isInstanceOf(BindException.class)
                .hasStackTraceContaining("ops.register.allowed-private-ranges: 169.254.0.0/16 is not a private"
                        + " range");
    }
}
