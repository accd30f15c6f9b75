package fr.progerance.ops.contract;

/** Who recorded a maintenance window ({@link MaintenanceWindow}). */
public enum MaintenanceWindowSource {
    /** A PrestaShop update's window (reference {@code update:<id>}), recorded when the update is scheduled. */
    UPDATE,
    /** Planned by ops by hand (issue 11). */
    MANUAL
}
