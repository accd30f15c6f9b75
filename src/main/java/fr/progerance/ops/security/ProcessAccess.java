package fr.progerance.ops.security;

import java.util.List;
import java.util.Objects;

/**
 * Who may see and start one process, declared as a bean by the package that owns the process
 * (next to its process class), so a new obligation (backups, billing, updates) adds its own.
 * {@link IdentityBootstrap} turns it into Camunda grants on that process definition key:
 *
 * <ul>
 *   <li>{@code readers}: read the definition (diagram, forms), its instances, their variables and
 *       history, and all its tasks with their variables (Cockpit, Tasklist, {@code /engine-rest});</li>
 *   <li>{@code starters}: start it (Tasklist's start form, {@code POST /api/...}); a starter should
 *       also be a reader.</li>
 * </ul>
 *
 * Working on a task (claim, complete, its variables) is not granted here: the engine grants it on
 * each task to the task's candidate groups of the model. Writing instances (modification,
 * migration, deletion, variables outside a task, jobs, incidents, messages, signals) is for
 * administrators only.
 */
public record ProcessAccess(String processKey, List<String> readers, List<String> starters) {

    public ProcessAccess {
        Objects.requireNonNull(processKey, "processKey");
        readers = List.copyOf(readers);
        starters = List.copyOf(starters);
        if (!readers.containsAll(starters)) {
            throw new IllegalArgumentException("The starters of " + processKey + " " + starters
                    + " must also read it " + readers);
        }
    }
}
