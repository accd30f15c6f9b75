package fr.progerance.ops.remote;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of {@link RemoteOperations} ({@code ops.remote.operations.*}).
 *
 * @param rebootGrace how long a reboot whose result was lost may take before the engine concludes
 *     that it never happened and sends it again (default 10 minutes); within it, a retry waits
 */
@ConfigurationProperties("ops.remote.operations")
public record RemoteOperationSettings(Duration rebootGrace) {

    public RemoteOperationSettings {
        rebootGrace = rebootGrace == null ? Duration.ofMinutes(10) : rebootGrace;
        if (rebootGrace.isNegative() || rebootGrace.isZero()) {
            throw new IllegalArgumentException("ops.remote.operations.reboot-grace must be a positive duration");
        }
    }
}
