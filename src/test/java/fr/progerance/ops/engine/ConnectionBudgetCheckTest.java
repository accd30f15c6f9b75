package fr.progerance.ops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/** The start-up check of the connection budget (pool >= job threads + 1 + web reserve). */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionBudgetCheckTest {

    private final ConnectionBudgetCheck check = new ConnectionBudgetCheck();

    private static MockEnvironment settings(int pool, int jobThreads, int reserve) {
        return new MockEnvironment().withProperty(ConnectionBudgetCheck.POOL_SIZE, String.valueOf(pool))
                .withProperty(ConnectionBudgetCheck.JOB_MAX_THREADS, String.valueOf(jobThreads))
                .withProperty(ConnectionBudgetCheck.WEB_RESERVE, String.valueOf(reserve));
    }

    @Test
    @DisplayName("The shipped settings give the pool, the job threads and the reserve explicit values that pass: 16 = 10 + 1 + 5")
    void shippedSettingsPass() throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
                .forEach(source -> env.getPropertySources().addLast(source));
        assertThat(env.getProperty(ConnectionBudgetCheck.POOL_SIZE, Integer.class)).isEqualTo(16);
        assertThat(env.getProperty(ConnectionBudgetCheck.JOB_MAX_THREADS, Integer.class)).isEqualTo(10);
        assertThat(env.getProperty(ConnectionBudgetCheck.JOB_CORE_THREADS, Integer.class)).isEqualTo(3);
        assertThat(env.getProperty(ConnectionBudgetCheck.WEB_RESERVE, Integer.class)).isEqualTo(5);
        assertThat(ConnectionBudgetCheck.minimumPoolSize(10, 5)).isEqualTo(16);
        assertThatCode(() -> check.postProcessEnvironment(env, null)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("The libraries' defaults (Hikari 10 connections, Camunda 10 job threads) are refused, naming the settings")
    void librariesDefaultsRefused() {
        assertThatThrownBy(() -> check.postProcessEnvironment(new MockEnvironment(), null))
                .isInstanceOf(ConnectionBudgetCheck.ConnectionBudgetException.class)
                .hasMessageContaining("spring.datasource.hikari.maximum-pool-size is 10, it must be at least 16")
                .hasMessageContaining("camunda.bpm.job-execution.max-pool-size")
                .hasMessageContaining("ops.database.web-reserve")
                .hasMessageContaining("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE");
    }

    @Test
    @DisplayName("One connection short of job threads + 1 + reserve is refused; exactly that many passes")
    void boundary() {
        assertThatThrownBy(() -> check.postProcessEnvironment(settings(15, 10, 5), null))
                .hasMessageContaining("is 15, it must be at least 16");
        assertThatCode(() -> check.postProcessEnvironment(settings(16, 10, 5), null)).doesNotThrowAnyException();
        // Even without a web reserve, a pool of only as many connections as job threads is refused.
        assertThatThrownBy(() -> check.postProcessEnvironment(settings(4, 4, 0), null))
                .hasMessageContaining("is 4, it must be at least 5");
        assertThatCode(() -> check.postProcessEnvironment(settings(5, 4, 0), null)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("A core thread count above the maximum counts at its worst")
    void coreAboveMaximum() {
        MockEnvironment env = settings(16, 10, 5).withProperty(ConnectionBudgetCheck.JOB_CORE_THREADS, "12");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null)).hasMessageContaining("at least 18");
    }

    @Test
    @DisplayName("A node whose job execution is disabled needs only 1 + the reserve")
    void noJobExecution() {
        MockEnvironment env = settings(6, 10, 5).withProperty(ConnectionBudgetCheck.JOB_EXECUTION_ENABLED, "false");
        assertThatCode(() -> check.postProcessEnvironment(env, null)).doesNotThrowAnyException();
        env.setProperty(ConnectionBudgetCheck.POOL_SIZE, "5");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null)).hasMessageContaining("at least 6");
    }

    @Test
    @DisplayName("A negative web reserve is refused")
    void negativeReserve() {
        assertThatThrownBy(() -> check.postProcessEnvironment(settings(20, 10, -1), null))
                .hasMessageContaining("ops.database.web-reserve").hasMessageContaining("0 or more");
    }

    @Test
    @DisplayName("Environment variables count (relaxed names)")
    void environmentVariables() {
        StandardEnvironment env = new StandardEnvironment();
        // Named like the real one, so that Spring Boot maps its relaxed names.
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "12", "CAMUNDA_BPM_JOBEXECUTION_MAXPOOLSIZE", "8",
                        "OPS_DATABASE_WEBRESERVE", "3")));
        assertThatCode(() -> check.postProcessEnvironment(env, null)).doesNotThrowAnyException();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "more-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("CAMUNDA_BPM_JOBEXECUTION_MAXPOOLSIZE", "9")));
        assertThatThrownBy(() -> check.postProcessEnvironment(env, null)).hasMessageContaining("is 12, it must be at least 13");
    }

    @Test
    @DisplayName("A Spring Boot start with a too-small pool fails before any bean exists, with a readable failure analysis")
    void startRefused(CapturedOutput output) {
        SpringApplication application = new SpringApplication(NoBeans.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> application.run(
                "--ops.admin.password=a long secret", "--spring.datasource.hikari.maximum-pool-size=10"));
        assertThat(failure).isInstanceOf(ConnectionBudgetCheck.ConnectionBudgetException.class);

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("spring.datasource.hikari.maximum-pool-size is 10, it must be at least 16")
                .contains("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=16");

        FailureAnalysis analysis = new ConnectionBudgetFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).contains("spring.datasource.hikari.maximum-pool-size is 10");
        assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=16");
    }

    /** An empty application: the check runs on the environment, before any configuration class. */
    static class NoBeans {
    }
}
