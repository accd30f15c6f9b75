package fr.progerance.ops.update.process;

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
 * The release catalogue as a switch in the shared test context: it forwards to a test's catalogue
 * while that test sets one ({@link Fakes}), else to the application's bundled one. The scenarios of
 * the update tests need releases of given dates (security releases published days before the test's
 * clock); the bundled catalogue holds the real ones. Everything else (update and quote records, shop
 * versions) is the application's own. A plain {@code @Configuration} in the test sources, found by the
 * application's component scan (one context).
 */
@Configuration(proxyBeanMethods = false)
public class UpdateTestPorts {

    /** What the update flow tests put in place; null forwards to the application's implementation. */
    public static final class Fakes {
        public volatile ReleaseCatalogue catalogue;

        public void clear() {
            catalogue = null;
        }
    }

    @Bean
    Fakes updateTestFakes() {
        return new Fakes();
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
