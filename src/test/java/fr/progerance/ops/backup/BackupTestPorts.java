package fr.progerance.ops.backup;

import fr.progerance.ops.backup.offsite.OffsiteStore;
import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.transfer.BackupTransfer;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The backup ports of the shared Spring test context (DESIGN rule 10): the fakes of
 * {@link FakeBackupPorts}, primary over the real implementations, so that no test of the context
 * reaches restic, a server or the off-site store through the backup flow. Found by component
 * scanning of the test classes (like every bean of {@code fr.progerance.ops}).
 */
@Configuration(proxyBeanMethods = false)
public class BackupTestPorts {

    @Bean
    FakeBackupPorts fakeBackupPorts(Clock clock) {
        return new FakeBackupPorts(clock);
    }

    @Bean
    @Primary
    Restic fakeRestic(FakeBackupPorts ports) {
        return ports.restic;
    }

    @Bean
    @Primary
    BackupTransfer fakeBackupTransfer(FakeBackupPorts ports) {
        return ports.transfer;
    }

    @Bean
    @Primary
    OffsiteStore fakeOffsiteStore(FakeBackupPorts ports) {
        return ports.offsite;
    }

    @Bean
    @Primary
    RepositoryLocator fakeRepositoryLocator(FakeBackupPorts ports) {
        return ports.locator;
    }
}
