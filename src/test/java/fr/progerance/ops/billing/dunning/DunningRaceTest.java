package fr.progerance.ops.billing.dunning;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestPorts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Issue 9, safety, on H2 (the shared test context): a payment that arrives while the suspension or
 * deletion job runs never leaves a paid client suspended or deleted ({@link DunningRaces}; the same
 * trials run on PostgreSQL in {@code DunningRacePostgresIT}).
 */
@OpsSpringBootTest
@DisplayName("Issue 9 safety: the suspension and deletion jobs racing a payment (H2)")
class DunningRaceTest {

    private static final Logger LOG = LoggerFactory.getLogger(DunningRaceTest.class);
    static final int TRIALS = 12;

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
    @DisplayName("R7.3: the suspension decision racing the full payment: every trial ends with the client GOOD (paid before the suspension, or suspended and reactivated at once)")
    void suspensionRacingThePayment() throws Exception {
        List<List<String>> outcomes = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            outcomes.add(races.suspensionTrial(trial));
        }
        LOG.info("Suspension races: {}", outcomes);
    }

    @Test
    @DisplayName("R8.2: the deletion decision racing the payment of everything due: every trial ends consistent (reactivated with nothing deleted, or deleted because the payment came after the decision)")
    void deletionRacingThePayment() throws Exception {
        List<List<String>> outcomes = new ArrayList<>();
        for (int trial = 0; trial < TRIALS / 2; trial++) {
            outcomes.add(races.deletionTrial(trial));
        }
        LOG.info("Deletion races: {}", outcomes);
    }
}
