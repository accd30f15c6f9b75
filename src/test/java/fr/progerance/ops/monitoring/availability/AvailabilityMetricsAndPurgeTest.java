package fr.progerance.ops.monitoring.availability;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.billing.BillingFixture;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.RegisterApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The availability gauges (this month so far, per contract and in total) as Prometheus scrapes them,
 * and the R5.7 purge of outages older than a year, on the movable clock.
 */
@OpsSpringBootTest
@DisplayName("Availability metrics and the R5.7 purge")
class AvailabilityMetricsAndPurgeTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    AvailabilityLedger ledger;
    @Autowired
    OutageRepository outages;
    @Autowired
    OutagePurge purge;
    @Autowired
    AvailabilityMetrics metrics;
    @Autowired
    MeterRegistry registry;
    @Autowired
    ContractRepository contracts;

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    @Test
    @DisplayName("R4.4-p, R4.4-c: per contract, availability, target, penalty tier and credit note ahead for this month, the total ahead and the credit notes counter, scraped by Prometheus")
    void gauges() {
        clock.set(paris("2026-09-01T00:00"));
        BillingFixture f = BillingFixture.create(new RegisterApi(port), true);
        String reference = contracts.findById(f.contractId()).orElseThrow().getReference();
        clock.set(paris("2026-09-02T11:00"));
        ledger.outageStarted(f.serverId(), paris("2026-09-02T10:00"), "HTTP_STATUS:shop HTTP 503", null);
        // Still open: counted up to now (one hour of September's 43,200 minutes: 99.8611 %).
        metrics.refresh();

        assertThat(registry.get("ops.availability.percent").tag("contract", reference).tag("infrastructure", "PROGERANCE")
                .gauge().value()).isEqualTo(99.8611);
        assertThat(registry.get("ops.availability.target.percent").tag("contract", reference).gauge().value())
                .isEqualTo(99.9);
        assertThat(registry.get("ops.availability.penalty.percent").tag("contract", reference).gauge().value())
                .isEqualTo(10);
        assertThat(registry.get("ops.availability.penalty.ahead").tag("contract", reference).gauge().value())
                .as("R5.2: nothing paid for September yet").isEqualTo(0);

        TestApi admin = TestApi.as(port, TestApi.ADMIN, TestApi.ADMIN_PASSWORD);
        TestApi.Answer scrape = admin.send(admin.request("/actuator/prometheus").setHeader("Accept", "text/plain").GET());
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("ops_availability_percent{contract=\"" + reference
                        + "\",infrastructure=\"PROGERANCE\"} 99.8611")
                .contains("ops_availability_target_percent{", "ops_availability_penalty_percent{",
                        "ops_availability_penalty_ahead_euros{", "ops_availability_penalties_ahead_euros ",
                        "ops_availability_credit_notes_total ");
        ledger.outageEnded(f.serverId(), paris("2026-09-02T11:00"));
    }

    @Test
    @DisplayName("R5.7: outages that ended more than a year ago are purged; younger and open ones stay")
    void purge() {
        clock.set(paris("2025-01-10T00:00"));
        BillingFixture f = BillingFixture.create(new RegisterApi(port), true);
        BillingFixture g = BillingFixture.create(new RegisterApi(port), true);
        long old = ledger.outageStarted(f.serverId(), paris("2025-01-10T00:00"), "TCP:443 refused", null);
        ledger.outageEnded(f.serverId(), paris("2025-01-10T01:00"));
        long recent = ledger.outageStarted(f.serverId(), paris("2025-03-10T00:00"), "TCP:443 refused", null);
        ledger.outageEnded(f.serverId(), paris("2025-03-10T01:00"));
        long open = ledger.outageStarted(g.serverId(), paris("2025-01-05T00:00"), "SSH refused", null);

        clock.set(paris("2026-01-10T00:59"));
        purge.purge();
        assertThat(outages.existsById(old)).as("ended 2025-01-10 01:00, a year is not over").isTrue();
        clock.set(paris("2026-01-10T01:01"));
        purge.purge();
        assertThat(outages.existsById(old)).isFalse();
        assertThat(outages.existsById(recent)).isTrue();
        assertThat(outages.existsById(open)).as("an open outage stays while it lasts").isTrue();
        ledger.outageEnded(g.serverId(), paris("2026-01-10T01:01"));
    }
}
