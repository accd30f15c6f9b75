package fr.progerance.ops.contract;

import java.time.Instant;
import java.util.List;

/**
 * A TIERCE server's onboarding checklist (R3.4, R6.8-a).
 *
 * @param complete every item is checked: the server does not block its contract's activation
 */
public record PrerequisitesView(Long serverId, String serverName, boolean complete, List<Item> items) {

    public record Item(Prerequisite item, String rule, String label, boolean checked, String checkedBy,
            Instant checkedAt, String note) {
    }

    static PrerequisitesView of(Server s) {
        List<Item> items = s.getPrerequisites().stream()
                .map(p -> new Item(p.getItem(), p.getItem().rule(), p.getItem().label(), p.isChecked(),
                        p.getCheckedBy(), p.getCheckedAt(), p.getNote()))
                .toList();
        return new PrerequisitesView(s.getId(), s.getName(), s.uncheckedPrerequisites().isEmpty(), items);
    }
}
