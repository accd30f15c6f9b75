package fr.progerance.ops.update.process;

import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.version.ReleaseCatalogue;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two interfaces the update processes use, as switches in the shared test context: each forwards to a
 * test's fake while that test sets one ({@link Fakes}), else to the application's own implementation.
 * The update records: an in-memory stand-in until helper D's records are merged (DESIGN rule 10 wants
 * the real ones). The release catalogue: written by the tests whose scenarios need releases of given
 * dates (the bundled catalogue holds the real ones). Quotes and shop versions are the real ones. A
 * plain {@code @Configuration} in the test sources, found by the application's component scan (one
 * context).
 */
@Configuration(proxyBeanMethods = false)
public class UpdateTestPorts {

    /** What the update flow tests put in place; null forwards to the application's implementation. */
    public static final class Fakes {
        public volatile Updates updates;
        public volatile ReleaseCatalogue catalogue;

        public void clear() {
            updates = null;
            catalogue = null;
        }
    }

    @Bean
    Fakes updateTestFakes() {
        return new Fakes();
    }

    @Bean
    @Primary
    Updates updateTestUpdates(Fakes fakes, ObjectProvider<Updates> all) {
        return proxy(Updates.class, () -> fakes.updates, all);
    }

    @Bean
    @Primary
    ReleaseCatalogue updateTestCatalogue(Fakes fakes, ObjectProvider<ReleaseCatalogue> all) {
        return proxy(ReleaseCatalogue.class, () -> fakes.catalogue, all);
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
                        new IllegalStateException(type.getSimpleName() + ": no fake set by the test, no implementation"));
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
