package fr.progerance.ops.incident;

import fr.progerance.ops.contract.RegisterSettings;
import fr.progerance.ops.contract.ShopCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The incident's shop check (diagnosis, R4.3 restoration check): the register's {@link ShopCheck}
 * with the incident's settings {@code ops.incident.http-timeout} and
 * {@code ops.incident.shop-expected-status}. Closed with the context.
 */
@Configuration(proxyBeanMethods = false)
public class IncidentShopCheck {

    @Bean(destroyMethod = "close")
    ShopCheck shopCheck(IncidentSettings settings, RegisterSettings register) {
        return new ShopCheck(settings.getHttpTimeout(), settings.getShopExpectedStatus(), register.addressPolicy());
    }
}
