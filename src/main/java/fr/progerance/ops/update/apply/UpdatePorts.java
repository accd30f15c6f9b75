package fr.progerance.ops.update.apply;

import fr.progerance.ops.engine.worker.NonRetryableWork;
import fr.progerance.ops.remote.NonRetryable;
import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.shop.UpdateAssistant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The ports ApplyUpdate reaches the shop through (DESIGN rule 10: tests put fakes here and nowhere
 * else): the update assistant and the shop's version, both over SSH ({@code update.shop}). Looked up
 * when used, so the engine starts without them; an update without them fails with a readable
 * incident.
 */
@Component
public class UpdatePorts {

    /** A port that has no implementation in this engine: retrying does not help. */
    static final class MissingPort extends IllegalStateException implements NonRetryableWork, NonRetryable {

        private static final long serialVersionUID = 1L;

        MissingPort(String what) {
            super("No " + what + " is configured in this engine: updates cannot run");
        }
    }

    private final ObjectProvider<UpdateAssistant> assistant;
    private final ObjectProvider<ShopVersions> versions;

    public UpdatePorts(ObjectProvider<UpdateAssistant> assistant, ObjectProvider<ShopVersions> versions) {
        this.assistant = assistant;
        this.versions = versions;
    }

    UpdateAssistant assistant() {
        return required(assistant, "update assistant (update.shop.UpdateAssistant)");
    }

    ShopVersions versions() {
        return required(versions, "shop version reader (update.shop.ShopVersions)");
    }

    private static <T> T required(ObjectProvider<T> provider, String what) {
        T port = provider.getIfUnique();
        if (port == null) {
            throw new MissingPort(what);
        }
        return port;
    }
}
