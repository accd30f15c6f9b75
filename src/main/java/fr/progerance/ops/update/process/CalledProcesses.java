package fr.progerance.ops.update.process;

import fr.progerance.ops.update.apply.ApplyUpdateProcess;

/**
 * The processes {@code MinorUpdate} and {@code MajorUpdate} call. {@code QuoteApproval}'s own names
 * are in {@link fr.progerance.ops.quote.QuoteApprovalProcess}; {@code ApplyUpdate} (update/apply)
 * takes the update id as its only input.
 */
public final class CalledProcesses {

    /** processes/update/ApplyUpdate.bpmn: backup, update, check, rollback, inside the recorded window. */
    public static final String APPLY_UPDATE = ApplyUpdateProcess.KEY;
    /** ApplyUpdate's input: the update record's id. */
    public static final String APPLY_UPDATE_IN = ApplyUpdateProcess.Vars.UPDATE_ID;

    private CalledProcesses() {
    }
}
