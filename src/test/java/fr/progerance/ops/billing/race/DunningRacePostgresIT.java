package fr.progerance.ops.billing.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.OpsEngineApplication;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.TestPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link DunningRaces} on a real PostgreSQL server (embedded, started by the test): the account
 * lock is PostgreSQL's {@code SELECT ... FOR UPDATE}, the engine's transactions are PostgreSQL's.
 * An integration test (Failsafe, its own JVM, like {@code PostgresProfileIT}): the application runs
 * with the test profile and its test peers, on PostgreSQL instead of H2, and is closed at the end.
 */
class DunningRacePostgresIT {

    private static EmbeddedPostgres postgres;
    private static GreenMail mail;
    private static ConfigurableApplicationContext app;
    private static DunningRaces races;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        mail = new GreenMail(new ServerSetup(TestPorts.SMTP, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        app = new SpringApplicationBuilder(OpsEngineApplication.class, TestPeers.class)
                .profiles("test")
                .run("--server.port=0",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=");
        races = new DunningRaces(app, ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (races != null) {
            races.close();
        }
        if (app != null) {
            app.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("R7.3, R8.2 on PostgreSQL: the suspension job racing the full payment always ends in good standing")
    void suspensionRacingThePayment() throws Exception {
        Map<String, Integer> outcomes = races.suspensionRaces();
        System.out.println("Suspension races on PostgreSQL: " + outcomes + ", retries " + races.retries());
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(DunningRaces.TRIALS);
    }

    @Test
    @DisplayName("R8.2 on PostgreSQL: the deletion job racing the payment: deleted only after the point of no return")
    void deletionRacingThePayment() throws Exception {
        Map<String, Integer> outcomes = races.deletionRaces();
        System.out.println("Deletion races on PostgreSQL: " + outcomes + ", retries " + races.retries());
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(DunningRaces.TRIALS);
    }
}
