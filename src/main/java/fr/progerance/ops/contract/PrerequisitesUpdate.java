package fr.progerance.ops.contract;

import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PUT /api/servers/{id}/prerequisites}: the items to record, each at most once.
 * Items not listed keep their state. Who checked and when come from the authenticated user and
 * the clock, never from the body.
 */
public record PrerequisitesUpdate(@NotEmpty List<@NotNull @Valid Item> items) {

    /**
     * @param checked true to tick the item, false to untick it (clears who and when)
     * @param note    free text (what was verified, where the document lives), line breaks allowed; replaces
     *                the previous note
     */
    public record Item(@NotNull Prerequisite item, @NotNull Boolean checked,
            @Size(max = 1000) @PlainText(multiLine = true) String note) {
    }
}
