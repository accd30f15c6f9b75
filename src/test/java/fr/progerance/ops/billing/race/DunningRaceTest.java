package fr.progerance.ops.billing.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestPorts;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** {@link DunningRaces} on H2, in the shared test context; {@code DunningRacePostgresIT} runs them on PostgreSQL. */
@OpsSpringBootTest
@DisplayName("R7.3, R8.2: a payment racing the suspension or deletion job never leaves a paid client suspended or deleted (H2)")
class DunningRaceTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext app;

    DunningRaces races;

    @BeforeEach
    void setUp() {
        races = new DunningRaces(app, port);
    }

    @AfterEach
    void tearDown() {
        races.close();
    }

    @Test
    @DisplayName("R7.3, R8.2: the suspension job racing the full payment: always ends in good standing, services reactivated if they were stopped")
    void suspensionRacingThePayment() throws Exception {
        Map<String, Integer> outcomes = races.suspensionRaces();
        System.out.println("Suspension races on H2: " + outcomes + ", retries " + races.retries());
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(DunningRaces.TRIALS);
    }

    @Test
    @DisplayName("R8.2: the deletion job racing the payment of everything due: deleted only when the payment came after the point of no return")
    void deletionRacingThePayment() throws Exception {
        Map<String, Integer> outcomes = races.deletionRaces();
        System.out.println("Deletion races on H2: " + outcomes + ", retries " + races.retries());
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(DunningRaces.TRIALS);
    }
}
