package fr.progerance.ops.update.apply;

import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.shop.UpdateAssistant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * ApplyUpdate's ports in the shared test context (DESIGN rule 10: fakes at the ports only):
 * {@link UpdatePorts}, through which ApplyUpdate reaches the update assistant and the shop's version,
 * forwards to a test's fake while that test sets one ({@link Fakes}), else to the application's own
 * implementations (over SSH). Only ApplyUpdate's port is switched, not the {@code update.shop} beans
 * themselves, so other packages' tests keep their own switches. A plain {@code @Configuration} in the
 * test sources, found by the application's component scan (one context, no {@code @MockBean}).
 */
@Configuration(proxyBeanMethods = false)
public class ApplyUpdateTestPorts {

    /** What the ApplyUpdate tests put at the ports; null forwards to the real implementation. */
    public static final class Fakes {
        public volatile UpdateAssistant assistant;
        public volatile ShopVersions versions;

        public void clear() {
            assistant = null;
            versions = null;
        }
    }

    @Bean
    Fakes applyUpdateTestFakes() {
        return new Fakes();
    }

    @Bean
    @Primary
    UpdatePorts switchableUpdatePorts(Fakes fakes, ObjectProvider<UpdateAssistant> assistant,
            ObjectProvider<ShopVersions> versions) {
        return new UpdatePorts(assistant, versions) {
            @Override
            UpdateAssistant assistant() {
                UpdateAssistant fake = fakes.assistant;
                return fake != null ? fake : super.assistant();
            }

            @Override
            ShopVersions versions() {
                ShopVersions fake = fakes.versions;
                return fake != null ? fake : super.versions();
            }
        };
    }
}
