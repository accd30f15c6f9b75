package fr.progerance.ops.contract;

import fr.progerance.ops.calendar.Infrastructure;
import java.time.Instant;

/**
 * A server as the API shows it.
 *
 * @param shopExpectedStatus    issue 6: the status the shop's URL must answer; null when the
 *                              setting {@code ops.incident.shop-expected-status} (200) applies
 * @param shopKeyword           issue 6: text the shop's page must contain, or null
 * @param adminDirectory        RD-ps: the shop's back-office directory name (needed for updates), or null
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
        Integer shopExpectedStatus,
        String shopKeyword,
        String adminDirectory,
        Boolean prerequisitesComplete,
        Instant createdAt,
        Instant updatedAt) {

    static ServerView of(Server s) {
        return new ServerView(s.getId(), s.getContractId(), s.getName(), s.getAddress(), s.getSshPort(),
                s.getSshUser(), s.getHostKeyFingerprint(), s.getInfrastructure(), s.getHosterName(),
                s.getPrestashopUrl(), s.getInstallPath(), s.getDatabaseName(),
                s.getShopExpectedStatus(), s.getShopKeyword(), s.getAdminDirectory(),
                s.isTierce() ? s.uncheckedPrerequisites().isEmpty() : null, s.getCreatedAt(), s.getUpdatedAt());
    }
}
