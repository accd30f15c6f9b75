package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/incidents}: report an incident (starts {@code IncidentHandling}, or attaches the
 * report to the open incident of the same server and category) and read incident records.
 */
@RestController
@RequestMapping("/api/incidents")
public class IncidentController {

    private final IncidentIntake intake;
    private final ForceMajeureDeclaration forceMajeure;
    private final IncidentService incidents;
    private final ContractClock clock;

    public IncidentController(IncidentIntake intake, ForceMajeureDeclaration forceMajeure, IncidentService incidents,
            ContractClock clock) {
        this.intake = intake;
        this.forceMajeure = forceMajeure;
        this.incidents = incidents;
        this.clock = clock;
    }

    /** The body of {@code POST /api/incidents/{number}/force-majeure}. */
    public record ForceMajeureRequest(@jakarta.validation.constraints.NotBlank
            @jakarta.validation.constraints.Size(max = 500) @PlainText(multiLine = true) String reason) {
    }

    /**
     * R9: managers declare force majeure; the SLA clocks stop until they lift it in Tasklist.
     * 409 when the incident is closed or already under force majeure; 403 for non-managers.
     */
    @PostMapping(path = "/{number}/force-majeure", consumes = MediaType.APPLICATION_JSON_VALUE)
    public IncidentView declareForceMajeure(@PathVariable String number,
            @Valid @RequestBody ForceMajeureRequest request) {
        forceMajeure.declare(number, request.reason().strip());
        Incident incident = incidents.get(number);
        return IncidentView.of(incident, false, incidents.timeline(incident), clock);
    }

    /** 201 with the new incident; 200 when the report was attached to the open incident. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<IncidentView> report(@Valid @RequestBody IncidentRequest request) {
        IncidentService.Reported reported = intake.report(request.toReport());
        Incident incident = incidents.get(reported.incident().getNumber());
        IncidentView view = IncidentView.of(incident, reported.attached(), incidents.timeline(incident), clock);
        if (reported.attached()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.created(URI.create("/api/incidents/" + incident.getNumber())).body(view);
    }

    @GetMapping("/{number}")
    public IncidentView get(@PathVariable String number) {
        Incident incident = incidents.get(number);
        return IncidentView.of(incident, false, incidents.timeline(incident), clock);
    }

    @GetMapping
    public List<IncidentView> list(@RequestParam(required = false) IncidentStatus status) {
        return incidents.list(status).stream().map(i -> IncidentView.of(i, false, List.of(), clock)).toList();
    }
}
