package fr.progerance.ops.update;

import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.shop.UpdateAssistant;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The update's ports in the shared test context (DESIGN rule 10: fakes at the ports only): the
 * update assistant and the shop-version reader ({@code update.shop}), each a switch that forwards to
 * a test's fake while that test sets one, else to the real implementation (over SSH), else fails
 * saying none is there. Found by the application's component scan of the test classes, so the
 * context stays one (no {@code @MockBean}).
 */
@Configuration(proxyBeanMethods = false)
public class UpdateTestPorts {

    /** What the update tests put at the ports; null forwards to the real implementation. */
    public static final class Fakes {
        public volatile UpdateAssistant assistant;
        public volatile ShopVersions versions;

        public void clear() {
            assistant = null;
            versions = null;
        }
    }

    @Bean
    Fakes updateTestFakes() {
        return new Fakes();
    }

    @Bean
    @Primary
    UpdateAssistant updateTestAssistant(Fakes fakes, ObjectProvider<UpdateAssistant> all) {
        return proxy(UpdateAssistant.class, () -> fakes.assistant, all);
    }

    @Bean
    @Primary
    ShopVersions updateTestShopVersions(Fakes fakes, ObjectProvider<ShopVersions> all) {
        return proxy(ShopVersions.class, () -> fakes.versions, all);
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
                        new IllegalStateException("No " + type.getSimpleName() + " in this engine and no fake set by"
                                + " the test"));
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
