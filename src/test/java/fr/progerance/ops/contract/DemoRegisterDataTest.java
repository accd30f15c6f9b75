package fr.progerance.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.demo.DemoRegisterData;
import fr.progerance.ops.web.ConflictException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo register goes through every rule of the services. Loaded here inside a transaction that
 * is rolled back, so the shared test database stays as the other tests expect it.
 */
@OpsSpringBootTest
class DemoRegisterDataTest {

    @Autowired
    ClientService clients;
    @Autowired
    ContractService contracts;
    @Autowired
    ServerService servers;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    @DisplayName("R3.4 R4.3-t4 R6.8-a the demo register loads: active contracts on both kinds, a DRAFT TIERCE one blocked")
    void demoRegister() {
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        tx.executeWithoutResult(status -> {
            new DemoRegisterData(clients, contracts, servers, tx).load();
            Map<String, ContractView> byRef = contracts.list(null).stream()
                    .collect(Collectors.toMap(ContractView::reference, Function.identity()));

            ContractView lavande = byRef.get("PG-2025-0001");
            assertThat(lavande.status()).isEqualTo(ContractStatus.ACTIVE);
            assertThat(lavande.serviceLevel()).isEqualTo(2);
            assertThat(lavande.emergencyReadiness().ready()).isTrue();
            List<ContactView> lavandeContacts = clients.contacts(lavande.clientId());
            assertThat(lavandeContacts).extracting(ContactView::role).contains(ContactRole.PRIMARY,
                    ContactRole.SECONDARY, ContactRole.ON_CALL, ContactRole.BILLING);
            assertThat(lavandeContacts).extracting(ContactView::secondaryOrder).contains(1, 2);

            ContractView cevenol = byRef.get("PG-2025-0002");
            assertThat(cevenol.status()).isEqualTo(ContractStatus.ACTIVE);
            assertThat(cevenol.serviceLevel()).isEqualTo(1);
            ServerView prod = servers.list(cevenol.id()).get(0);
            assertThat(prod.infrastructure()).isEqualTo(Infrastructure.TIERCE);
            assertThat(prod.prerequisitesComplete()).isTrue();
            assertThat(prod.shopKeyword()).as("issue 6: the page must show the shop's name").isEqualTo("Atelier Cévenol");
            assertThat(prod.shopExpectedStatus()).as("issue 6: the setting applies").isNull();
            assertThat(clients.contacts(cevenol.clientId())).extracting(ContactView::role)
                    .contains(ContactRole.HOSTER_EMERGENCY);

            ContractView draft = byRef.get("PG-2026-0003");
            assertThat(draft.status()).isEqualTo(ContractStatus.DRAFT);
            ServerView preprod = servers.list(draft.id()).get(0);
            assertThat(preprod.prerequisitesComplete()).isFalse();
            assertThat(preprod.shopExpectedStatus()).as("issue 6: a preproduction shop behind basic auth").isEqualTo(401);
            assertThatThrownBy(() -> contracts.changeStatus(draft.id(), new StatusChange(ContractStatus.ACTIVE)))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("MINIMUM_BANDWIDTH");

            ContractView quais = byRef.get("PG-2025-0004");
            assertThat(quais.status()).isEqualTo(ContractStatus.ACTIVE);
            assertThat(quais.emergencyReadiness().ready()).isFalse();
            status.setRollbackOnly();
        });
        assertThat(contracts.list(null)).extracting(ContractView::reference).doesNotContain("PG-2025-0001");
    }
}
