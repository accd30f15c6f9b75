package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** The body of {@code POST /api/incidents}. */
public record IncidentRequest(
        @NotNull @Positive Long serverId,
        @NotNull IncidentCategory category,
        @NotNull @Min(value = 1, message = "must be 1 or 2") @Max(value = 2, message = "must be 1 or 2") Integer level,
        @NotBlank @Size(max = 500) @PlainText String summary,
        @NotBlank @Size(max = 100) @PlainText String source,
        @NotNull OffsetDateTime detectedAt) {

    NewReport toReport() {
        return new NewReport(serverId, category, level, summary.strip(), source.strip(), detectedAt.toInstant());
    }
}
