package fr.progerance.ops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.OpsEngineApplication;
import fr.progerance.ops.TestApi;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code prod} profile on a real PostgreSQL server (embedded, started by the test): Camunda
 * creates its schema, Flyway applies the application's migrations, the API works, and a second
 * start on the same database finds everything in place. An integration test (Failsafe, its own
 * JVM): Camunda's process-engine registry and webapp delegates are static, so closing these
 * applications must not happen in the JVM of the shared Spring test context.
 */
class PostgresProfileIT {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        // Our own shutdown order: Spring closes the engine first, then the database stops.
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("The prod profile runs on PostgreSQL: schemas created, API answers, restart is clean")
    void prodProfileOnPostgres() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            TestApi api = TestApi.as(port, "pgadmin", "pg-admin-password");
            assertThat(api.get("/api/clients").status()).isEqualTo(200);
            TestApi.Answer created = api.post("/api/clients", Map.of(
                    "companyName", "Boutique Postgres SARL",
                    "billingAddress", Map.of("line1", "1 rue de la Paix", "postalCode", "75002", "city", "Paris",
                            "country", "FR"),
                    "vatNumber", "FR40303265045"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        DataSource ds = postgres.getPostgresDatabase();
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "select count(*) from act_ru_task")).isZero();
            assertThat(count(c, "select count(*) from ops_schema_history where success")).isPositive();
            assertThat(count(c, "select count(*) from ops_client")).isEqualTo(1);
        }
        try (ConfigurableApplicationContext again = start()) {
            int port = ((WebServerApplicationContext) again).getWebServer().getPort();
            TestApi.Answer clients = TestApi.as(port, "pgadmin", "pg-admin-password").get("/api/clients");
            assertThat(clients.status()).isEqualTo(200);
            assertThat(clients.body()).contains("Boutique Postgres SARL");
        }
    }

    private static ConfigurableApplicationContext start() {
        // Command-line arguments, as an operator passes them: they outrank application.yaml.
        return new SpringApplicationBuilder(OpsEngineApplication.class)
                .profiles("prod")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--ops.admin.username=pgadmin",
                        "--ops.admin.password=pg-admin-password",
                        "--camunda.bpm.job-execution.enabled=false");
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
