package fr.progerance.ops.monitoring.windows;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.DateTimeParameters;
import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.calendar.SupportedDates;
import fr.progerance.ops.contract.MaintenanceWindow;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindowView;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/maintenance}: the servers' planned maintenance windows (R4.4-p: excluded from the
 * availability measure, no incident opens inside them). Ops (and administrators) plan MANUAL
 * windows, move them and cancel them while they have not begun ({@link ManualWindowRules}: the part
 * of a window before now is fixed, 409); UPDATE windows are listed here but belong to their update.
 * Every API user (ops, managers) reads them; {@code /planned} shows what the measure excludes
 * (maintenance and backup windows merged).
 */
@RestController
@RequestMapping(path = "/api/maintenance", produces = MediaType.APPLICATION_JSON_VALUE)
public class MaintenanceController {

    /** Without {@code from}, a list starts this long before now ... */
    static final Duration DEFAULT_PAST = Duration.ofDays(31);
    /** ... and without {@code to}, ends this long after now. */
    static final Duration DEFAULT_AHEAD = Duration.ofDays(366);

    private static final List<String> WRITERS = List.of(OpsGroups.OPS, OpsGroups.ADMIN);

    private final ManualWindows manual;
    private final IdentityService identity;
    private final ContractClock clock;

    public MaintenanceController(ManualWindows manual, IdentityService identity, ContractClock clock) {
        this.manual = manual;
        this.identity = identity;
        this.clock = clock;
    }

    /** The body of {@code POST /api/maintenance}: a MANUAL window of a server. */
    public record WindowRequest(@NotNull @Positive Long serverId, @NotNull OffsetDateTime start,
            @NotNull OffsetDateTime end,
            @NotBlank @Size(max = MaintenanceWindow.MAX_REASON) @PlainText String reason) {
    }

    /** The body of {@code PUT /api/maintenance/{id}}: the window's new span and reason (the server stays). */
    public record WindowChange(@NotNull OffsetDateTime start, @NotNull OffsetDateTime end,
            @NotBlank @Size(max = MaintenanceWindow.MAX_REASON) @PlainText String reason) {
    }

    /** Where a window stands at the time of the answer. */
    public enum WindowState {
        /** Not begun: a MANUAL one may still move or be cancelled. */
        PLANNED,
        /** Begun: its end may move to now or later. */
        IN_PROGRESS,
        /** Over: measured, fixed. */
        ENDED
    }

    /** A maintenance window as the API shows it (times in the contract zone). */
    public record WindowView(long id, long serverId, OffsetDateTime start, OffsetDateTime end,
            MaintenanceWindowSource source, String reference, String reason, WindowState state, String createdBy,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static WindowView of(MaintenanceWindowView w, ContractClock clock) {
            Instant now = clock.instant();
            WindowState state = w.start().isAfter(now) ? WindowState.PLANNED
                    : w.end().isAfter(now) ? WindowState.IN_PROGRESS : WindowState.ENDED;
            return new WindowView(w.id(), w.serverId(), clock.atZone(w.start()), clock.atZone(w.end()), w.source(),
                    w.reference(), w.reason(), state, w.createdBy(), clock.atZone(w.createdAt()),
                    clock.atZone(w.updatedAt()));
        }
    }

    /** A planned span the availability measure excludes (maintenance and backup windows merged). */
    public record PlannedSpan(OffsetDateTime start, OffsetDateTime end, long minutes) {
    }

    /**
     * The server's maintenance windows (UPDATE and MANUAL) overlapping {@code [from, to)}, earliest
     * first; {@code from} defaults to 31 days ago, {@code to} to 366 days ahead. 400 naming the
     * parameter; 404 for an unknown server.
     */
    @GetMapping
    public List<WindowView> list(@RequestParam Long serverId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return manual.list(serverId, range(from, to)).stream().map(w -> WindowView.of(w, clock)).toList();
    }

    /**
     * R4.4-p: what the availability measure excludes for the server in {@code [from, to)}: its
     * maintenance and backup windows, clipped and merged.
     */
    @GetMapping("/planned")
    public List<PlannedSpan> planned(@RequestParam Long serverId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return manual.planned(serverId, range(from, to)).stream().map(i -> new PlannedSpan(clock.atZone(i.start()),
                clock.atZone(i.end()), i.duration().toMinutes())).toList();
    }

    /** One window; 404 when there is none. */
    @GetMapping("/{id}")
    public WindowView get(@PathVariable("id") long id) {
        return WindowView.of(manual.get(id), clock);
    }

    /** 201: a MANUAL window; 400 naming the field (a start in the past included); 403 for anyone but ops. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<WindowView> create(@Valid @RequestBody WindowRequest request) {
        String who = writer("plan maintenance windows");
        supported(request.start(), request.end());
        MaintenanceWindowView created = manual.create(request.serverId(), request.start().toInstant(),
                request.end().toInstant(), request.reason(), who);
        return ResponseEntity.created(URI.create("/api/maintenance/" + created.id())).body(WindowView.of(created, clock));
    }

    /** 200: the window moved; 400 naming the field; 403 for anyone but ops; 404; 409 (begun, ended, or an UPDATE window). */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public WindowView move(@PathVariable("id") long id, @Valid @RequestBody WindowChange change) {
        String who = writer("move maintenance windows");
        supported(change.start(), change.end());
        try {
            return WindowView.of(manual.move(id, change.start().toInstant(), change.end().toInstant(), change.reason(),
                    who), clock);
        } catch (OptimisticLockingFailureException e) {
            throw changedMeanwhile(id);
        }
    }

    /** 204: the window is cancelled; 403 for anyone but ops; 404; 409 once it has begun, or for an UPDATE window. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> cancel(@PathVariable("id") long id) {
        String who = writer("cancel maintenance windows");
        try {
            manual.cancel(id, who);
        } catch (OptimisticLockingFailureException e) {
            throw changedMeanwhile(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** Two writers on one window at once: the second is told to read it again (409), nothing half-done. */
    private static ConflictException changedMeanwhile(long id) {
        return new ConflictException("Maintenance window " + id + " was changed meanwhile: read it again",
                List.of(new FieldProblem("id", "changed by another request meanwhile")));
    }

    private Interval range(String from, String to) {
        Instant now = clock.instant();
        List<FieldProblem> problems = new ArrayList<>();
        Instant start = parameter("from", from, now.minus(DEFAULT_PAST), problems);
        Instant end = parameter("to", to, now.plus(DEFAULT_AHEAD), problems);
        if (problems.isEmpty() && !end.isAfter(start)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Interval(start, end);
    }

    private Instant parameter(String name, String value, Instant fallback, List<FieldProblem> problems) {
        if (value == null) {
            return fallback;
        }
        try {
            Instant instant = DateTimeParameters.offsetDateTime(name, value).toInstant();
            Optional<String> problem = SupportedDates.problem(instant, clock.zone());
            problem.ifPresent(p -> problems.add(new FieldProblem(name, p)));
            return instant;
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return fallback;
        }
    }

    private void supported(OffsetDateTime start, OffsetDateTime end) {
        List<FieldProblem> problems = new ArrayList<>();
        SupportedDates.problem(start.toInstant(), clock.zone()).ifPresent(p -> problems.add(new FieldProblem("start", p)));
        SupportedDates.problem(end.toInstant(), clock.zone()).ifPresent(p -> problems.add(new FieldProblem("end", p)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private String writer(String what) {
        Authentication who = identity.getCurrentAuthentication();
        if (who == null || who.getGroupIds() == null || who.getGroupIds().stream().noneMatch(WRITERS::contains)) {
            throw new AuthorizationException("Only ops may " + what + " (R4.4-p)");
        }
        return who.getUserId();
    }
}
