package fr.progerance.ops.backup;

import fr.progerance.ops.backup.offsite.FtpOffsiteStore;
import fr.progerance.ops.backup.offsite.OffsiteStore;
import fr.progerance.ops.backup.restic.ProcessRestic;
import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.restore.RestoreTestPorts;
import fr.progerance.ops.backup.transfer.BackupTransfer;
import fr.progerance.ops.backup.transfer.StreamingBackupTransfer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The backup ports of the shared Spring test context (DESIGN rule 10: fakes at the ports only).
 * Each port is a switch: by default it forwards to the fakes of {@link FakeBackupPorts}, so that
 * no test of the context reaches restic, a server or the off-site store by accident; a restore
 * test's own fake ({@link RestoreTestPorts.Fakes}) comes first while it is set; and the
 * end-to-end tests turn {@link Real#on()} to run the flows on the real restic, SSH transfer,
 * off-site store and repositories. Found by component scanning of the test classes (like every
 * bean of {@code fr.progerance.ops}), so the context stays one.
 */
@Configuration(proxyBeanMethods = false)
public class BackupTestPorts {

    /** Whether the ports forward to the real implementations (end-to-end tests) or to the fakes. */
    public static final class Real {
        private volatile boolean on;

        public void on() {
            on = true;
        }

        public void off() {
            on = false;
        }

        boolean isOn() {
            return on;
        }
    }

    @Bean
    Real realBackupPorts() {
        return new Real();
    }

    @Bean
    FakeBackupPorts fakeBackupPorts(Clock clock) {
        return new FakeBackupPorts(clock);
    }

    @Bean
    @Primary
    Restic switchableRestic(FakeBackupPorts ports, RestoreTestPorts.Fakes restoreFakes, Real real,
            ObjectProvider<ProcessRestic> process) {
        return switching(Restic.class, () -> restoreFakes.restic != null ? restoreFakes.restic
                : real.isOn() ? process.getObject() : ports.restic);
    }

    @Bean
    @Primary
    BackupTransfer switchableBackupTransfer(FakeBackupPorts ports, RestoreTestPorts.Fakes restoreFakes, Real real,
            ObjectProvider<StreamingBackupTransfer> streaming) {
        return switching(BackupTransfer.class, () -> restoreFakes.transfer != null ? restoreFakes.transfer
                : real.isOn() ? streaming.getObject() : ports.transfer);
    }

    @Bean
    @Primary
    OffsiteStore switchableOffsiteStore(FakeBackupPorts ports, Real real, ObjectProvider<FtpOffsiteStore> ftp) {
        return switching(OffsiteStore.class, () -> real.isOn() ? ftp.getObject() : ports.offsite);
    }

    @Bean
    @Primary
    RepositoryLocator switchableRepositoryLocator(FakeBackupPorts ports, Real real,
            ObjectProvider<ClientRepositoryLocator> clientRepositories) {
        return switching(RepositoryLocator.class, () -> real.isOn() ? clientRepositories.getObject() : ports.locator);
    }

    @SuppressWarnings("unchecked")
    static <T> T switching(Class<T> type, Supplier<T> target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "switchable " + type.getSimpleName();
                };
            }
            try {
                return method.invoke(target.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
