package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.transfer.BackupTransfer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The restore's ports in the shared test context (DESIGN rule 10: fakes at the ports only): each
 * is a switch that forwards to a test's fake while that test runs, else to the real implementation
 * (the repositories, the SSH table count, the scratch database {@link MysqlScratchDatabase}). The
 * restic and transfer fakes of {@link Fakes} are honoured by {@code backup.BackupTestPorts}, whose
 * switches serve every backup and restore test.
 *
 * <p>A plain {@code @Configuration} in the test sources, so the application's component scan adds it
 * to the one shared context of every {@code @OpsSpringBootTest} (no second context for two test
 * classes).
 */
@Configuration(proxyBeanMethods = false)
public class RestoreTestPorts {

    /** What the restore tests put at the ports; null forwards to the real implementation. */
    public static final class Fakes {
        public volatile Restic restic;
        public volatile BackupTransfer transfer;
        public volatile RestoreRepositories repositories;
        public volatile RestoredDatabaseCheck databaseCheck;
        public volatile ScratchDatabase scratch;

        public void clear() {
            restic = null;
            transfer = null;
            repositories = null;
            databaseCheck = null;
            scratch = null;
        }
    }

    @Bean
    Fakes restoreTestFakes() {
        return new Fakes();
    }

    @Bean
    @Primary
    RestoreRepositories restoreTestRepositories(Fakes fakes, ObjectProvider<RestoreRepositories> all) {
        return proxy(RestoreRepositories.class, () -> fakes.repositories, all);
    }

    @Bean
    @Primary
    RestoredDatabaseCheck restoreTestDatabaseCheck(Fakes fakes, ObjectProvider<RestoredDatabaseCheck> all) {
        return proxy(RestoredDatabaseCheck.class, () -> fakes.databaseCheck, all);
    }

    @Bean
    @Primary
    ScratchDatabase restoreTestScratch(Fakes fakes, MysqlScratchDatabase real) {
        return new ScratchDatabase() {
            private ScratchDatabase target() {
                ScratchDatabase f = fakes.scratch;
                return f != null ? f : real;
            }

            @Override
            public void recreate(String database) {
                target().recreate(database);
            }

            @Override
            public Load load(String database) {
                return target().load(database);
            }

            @Override
            public java.util.Map<String, Long> countRows(String database) {
                return target().countRows(database);
            }

            @Override
            public void drop(String database) {
                target().drop(database);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Supplier<T> fake, ObjectProvider<T> all) {
        Object[] self = new Object[1];
        InvocationHandler handler = (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> p == args[0];
                    case "hashCode" -> System.identityHashCode(p);
                    default -> "switchable " + type.getSimpleName();
                };
            }
            T target = fake.get();
            if (target == null) {
                target = all.stream().filter(t -> t != self[0]).findFirst().orElseThrow(() ->
                        new RestorePorts.MissingPort(type.getSimpleName() + " (no fake set by the test, no real one)"));
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        T proxy = (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
        self[0] = proxy;
        return proxy;
    }
}
