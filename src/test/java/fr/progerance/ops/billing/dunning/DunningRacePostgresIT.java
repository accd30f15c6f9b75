package fr.progerance.ops.billing.dunning;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.OpsEngineApplication;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPeers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 9, safety, on PostgreSQL (embedded, started by the test; the {@code prod} profile): the same
 * trials as {@link DunningRaceTest} ({@link DunningRaces}), where the client's account lock is
 * PostgreSQL's row lock and its transactions are truly concurrent. An integration test (Failsafe, its
 * own JVM), like {@code PostgresProfileIT}.
 */
class DunningRacePostgresIT {

    static final int TRIALS = 10;
    static final int SMTP = freePort();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        Path data = Path.of(System.getProperty("user.dir"), "target", "dunning-race-postgres");
        // The test peers of the shared test context: the movable clock and the switchable remote executor.
        app = new SpringApplicationBuilder(OpsEngineApplication.class, TestPeers.class).profiles("prod").run(
                "--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--ops.data-dir=" + data,
                "--ops.admin.username=" + TestApi.ADMIN,
                "--ops.admin.password=" + TestApi.ADMIN_PASSWORD,
                "--ops.register.allow-loopback-addresses=true",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SMTP,
                "--camunda.bpm.job-execution.enabled=false",
                "--ops.worker.enabled=false");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("R7.3, R8.2 on PostgreSQL: the suspension and deletion jobs racing a payment: never a paid client left suspended, never a deletion the decision could have seen paid")
    void racesOnPostgres() throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        List<List<String>> suspensions = new ArrayList<>();
        List<List<String>> deletions = new ArrayList<>();
        try (DunningRaces races = new DunningRaces(app, port)) {
            for (int trial = 0; trial < TRIALS; trial++) {
                suspensions.add(races.suspensionTrial(trial));
            }
            for (int trial = 0; trial < TRIALS / 2; trial++) {
                deletions.add(races.deletionTrial(trial));
            }
        }
        System.out.println("PostgreSQL suspension races: " + suspensions);
        System.out.println("PostgreSQL deletion races: " + deletions);
    }
}
