package fr.progerance.ops.contract;

/**
 * One item of the TIERCE onboarding checklist: the prerequisites of R3.4 (all required before the
 * service starts) and the client duties of R6.8-a that can be checked before it does.
 */
public enum Prerequisite {
    ROOT_ACCESS("R3.4", "Root/administrator access"),
    SECURED_SSH_ACCESS("R3.4", "Secured SSH access"),
    MINIMUM_CONFIGURATION("R3.4", "Minimum configuration as per the quote"),
    TECHNICAL_DOCUMENTATION("R3.4", "Technical documentation provided by the client"),
    COMPATIBLE_OS("R3.4", "Compatible operating system"),
    MINIMUM_STORAGE("R3.4", "Minimum storage capacity"),
    MINIMUM_BANDWIDTH("R3.4", "Minimum guaranteed bandwidth"),
    BACKUP_PROCEDURE("R3.4", "Backup procedure"),
    HOSTER_SUPPORT_CONTRACT("R3.4", "Hardware support contract with the hoster"),
    HOSTER_EMERGENCY_CONTACTS("R6.8-a", "Hoster emergency contacts provided"),
    HOSTER_CONTACT_AUTHORISATION("R6.8-a", "Authorisation to contact the hoster on the client's behalf"),
    DISASTER_RECOVERY_PROCEDURE("R6.8-a", "Disaster-recovery procedure");

    private final String rule;
    private final String label;

    Prerequisite(String rule, String label) {
        this.rule = rule;
        this.label = label;
    }

    public String rule() {
        return rule;
    }

    public String label() {
        return label;
    }
}
