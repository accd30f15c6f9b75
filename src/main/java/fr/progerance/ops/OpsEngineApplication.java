package fr.progerance.ops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The hosting-operations engine: Camunda 7 processes that keep the Progerance
 * managed-hosting contract (see ../shared/contract/RULES.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OpsEngineApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpsEngineApplication.class, args);
    }
}
