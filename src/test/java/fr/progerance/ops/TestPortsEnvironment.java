package fr.progerance.ops;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Gives the test profile the ports of {@link TestPorts} (registered in the tests' spring.factories). */
public class TestPortsEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (Arrays.asList(environment.getActiveProfiles()).contains("test")) {
            environment.getPropertySources().addFirst(new MapPropertySource("test-ports",
                    Map.of("spring.mail.port", TestPorts.SMTP,
                            "ops.backup.offsite.port", TestPorts.FTP)));
        }
    }
}
