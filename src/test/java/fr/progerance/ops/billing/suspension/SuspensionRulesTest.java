package fr.progerance.ops.billing.suspension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.calendar.Infrastructure;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The plain rules of {@link ClientServicesOnServers} and {@link ClientServers}, without a server. */
@DisplayName("R7.3, R8.2: suspension settings, operation keys, shared directories")
class SuspensionRulesTest {

    private static final RegisteredServices.ServerRef SERVER = new RegisteredServices.ServerRef(42, "shop-1", "192.0.2.10", 22,
            "ops", "SHA256:wCaPWU2z/Ojowy76wdXINnbShxM8kt3oP5DG5jhYqQY", Infrastructure.TIERCE, "/var/www/shop",
            "shop", "PG-1");

    @Test
    @DisplayName("R8.2: one directory overlaps another when it is the other or lies under it; a sibling with a longer name does not")
    void overlap() {
        assertThat(ClientServers.overlap("/var/www/shop", "/var/www/shop")).isTrue();
        assertThat(ClientServers.overlap("/var/www/shop", "/var/www/shop/modules")).isTrue();
        assertThat(ClientServers.overlap("/var/www/shop/modules", "/var/www/shop")).isTrue();
        assertThat(ClientServers.overlap("/var/www/shop", "/var/www/shop2")).isFalse();
        assertThat(ClientServers.overlap("/var/www/shop2", "/var/www/shop")).isFalse();
        assertThat(ClientServers.overlap("/var/www/a/shop", "/var/www/b/shop")).isFalse();
    }

    @Test
    @DisplayName("R7.3: the defaults are accepted; a unit or a flag name the templates would refuse fails at start, naming the setting")
    void settings() {
        ClientServicesOnServers.checkSettings(new BillingSettings().getSuspension());

        BillingSettings.Suspension badUnit = new BillingSettings().getSuspension();
        badUnit.setTierceUnits(List.of("php-fpm.service; reboot"));
        assertThatThrownBy(() -> ClientServicesOnServers.checkSettings(badUnit))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("ops.billing.suspension units");

        for (String flag : List.of("index.php", "maintenance", ".htaccess", "../.ops-maintenance", "a/.ops-maintenance",
                "")) {
            BillingSettings.Suspension badFlag = new BillingSettings().getSuspension();
            badFlag.setMaintenanceFlag(flag);
            assertThatThrownBy(() -> ClientServicesOnServers.checkSettings(badFlag)).as(flag)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("ops.billing.suspension.maintenance-flag");
        }
        BillingSettings.Suspension otherFlag = new BillingSettings().getSuspension();
        otherFlag.setMaintenanceFlag(".maintenance");
        ClientServicesOnServers.checkSettings(otherFlag);
    }

    @Test
    @DisplayName("DESIGN rule 4: each step has its own operation record key, <operationKey>:<serverId>:<step>, 200 characters at most")
    void keys() {
        assertThat(ClientServicesOnServers.key("InvoiceDunning:F2026-000123:suspend", SERVER, "stop:php-fpm.service"))
                .isEqualTo("InvoiceDunning:F2026-000123:suspend:42:stop:php-fpm.service");
        assertThatThrownBy(() -> ClientServicesOnServers.key("k".repeat(150), SERVER, "stop:" + "u".repeat(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 200 characters");
        assertThat(ClientServicesOnServers.OPERATION_KEY.matcher("InvoiceDunning:F2026-000123:delete").matches()).isTrue();
        assertThat(ClientServicesOnServers.OPERATION_KEY.matcher("two words").matches()).isFalse();
        assertThat(ClientServicesOnServers.RULE.matcher("R8.2").matches()).isTrue();
        assertThat(ClientServicesOnServers.RULE.matcher("R4.4-c").matches()).isTrue();
        assertThat(ClientServicesOnServers.RULE.matcher("8.2").matches()).isFalse();
    }

    @Test
    @DisplayName("R8.2: an audit item describes its server and what it deletes in one line")
    void itemLine() {
        DeletionAudit audit = new DeletionAudit("k", "R8.2", 7, "Boutique SAS", List.of("PG-1"),
                java.time.Instant.EPOCH, DeletionAudit.SYSTEM);
        assertThat(audit.add(DeletionAuditItem.Kind.DATABASE, SERVER, "shop").describe())
                .isEqualTo("shop-1 (TIERCE, 192.0.2.10): database shop");
        assertThat(audit.add(DeletionAuditItem.Kind.OFFSITE_COPY, null, "client-7").describe())
                .isEqualTo("off-site copy client-7");
        assertThat(audit.getItems()).extracting(DeletionAuditItem::getPosition).containsExactly(1, 2);
        assertThat(audit.getContractReferences()).containsExactly("PG-1");
    }
}
