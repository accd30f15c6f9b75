package fr.progerance.ops.contract;

import fr.progerance.ops.calendar.Infrastructure;
import java.time.Instant;

/**
 * A server as the API shows it.
 *
 * @param prerequisitesComplete R3.4: every onboarding item checked; null for PROGERANCE servers,
 *                              which have no checklist
 */
public record ServerView(
        Long id,
        Long contractId,
        String name,
        String address,
        int sshPort,
        String sshUser,
        String hostKeyFingerprint,
        Infrastructure infrastructure,
        String hosterName,
        String prestashopUrl,
        String installPath,
        String databaseName,
        Boolean prerequisitesComplete,
        Instant createdAt,
        Instant updatedAt) {

    static ServerView of(Server s) {
        return new ServerView(s.getId(), s.getContractId(), s.getName(), s.getAddress(), s.getSshPort(),
                s.getSshUser(), s.getHostKeyFingerprint(), s.getInfrastructure(), s.getHosterName(),
                s.getPrestashopUrl(), s.getInstallPath(), s.getDatabaseName(),
                s.isTierce() ? s.uncheckedPrerequisites().isEmpty() : null, s.getCreatedAt(), s.getUpdatedAt());
    }
}
