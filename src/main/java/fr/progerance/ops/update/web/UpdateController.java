package fr.progerance.ops.update.web;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.quote.Quotes;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.process.MajorUpdateIntake;
import fr.progerance.ops.update.process.UpdateContexts;
import fr.progerance.ops.update.shop.ShopVersionReading;
import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.version.Release;
import fr.progerance.ops.update.version.ReleaseCatalogue;
import fr.progerance.ops.update.version.UpdateClassifier;
import fr.progerance.ops.update.version.UpdateKind;
import fr.progerance.ops.web.NotFoundException;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * PrestaShop updates (RD-ps, R4.0-b, R4.0-c): {@code GET /api/updates} (open and recent, filters),
 * {@code GET /api/updates/{id}}, {@code POST /api/updates} (ops request a major update: a quote
 * first) and {@code GET /api/servers/{id}/version} (the shop's latest version reading and the
 * updates the catalogue offers from it). Every API user reads (ops, managers, administrators);
 * starting a major update is for ops (403 otherwise).
 */
@RestController
@Validated
public class UpdateController {

    private final Updates updates;
    private final UpdateListing listing;
    private final MajorUpdateIntake intake;
    private final Quotes quotes;
    private final ShopVersions versions;
    private final ReleaseCatalogue catalogue;
    private final UpdateContexts contexts;
    private final ContractClock clock;

    public UpdateController(Updates updates, UpdateListing listing, MajorUpdateIntake intake, Quotes quotes,
            ShopVersions versions, ReleaseCatalogue catalogue, UpdateContexts contexts, ContractClock clock) {
        this.updates = updates;
        this.listing = listing;
        this.intake = intake;
        this.quotes = quotes;
        this.versions = versions;
        this.catalogue = catalogue;
        this.contexts = contexts;
        this.clock = clock;
    }

    /** The body of {@code POST /api/updates}. */
    public record MajorUpdateRequest(@NotNull @Min(1) Long serverId,
            @NotBlank @Size(max = 40) @PlainText String targetVersion) {
    }

    /** The quote of a major update, as its record holds it (R4.0-c). */
    public record QuoteSummary(long id, String number, String status, java.math.BigDecimal amountExclTax,
            OffsetDateTime windowStart, OffsetDateTime windowEnd, LocalDate validUntil, String decidedBy,
            OffsetDateTime decidedAt, String channel) {
    }

    /** An update as the API shows it. {@code overdue}: a minor update not finished by its due date (R4.0-b). */
    public record UpdateApiView(long id, long serverId, String fromVersion, String toVersion, String kind,
            boolean security, OffsetDateTime dueAt, boolean overdue, String status, OffsetDateTime windowStart,
            OffsetDateTime windowEnd, QuoteSummary quote, String reason, String requestedBy, OffsetDateTime createdAt,
            OffsetDateTime finishedAt, String processInstanceId) {
    }

    /** A release offered from the shop's version. */
    public record ReleaseView(String version, LocalDate publishedOn, boolean security, String kind, boolean needsQuote) {
    }

    /** The shop's latest version reading (RD-ps) and what the catalogue offers from it. */
    public record VersionView(long serverId, String version, String file, OffsetDateTime readAt,
            ReleaseView minorUpdate, ReleaseView majorUpdate) {
    }

    /**
     * The open updates and those finished lately ({@code ops.update.processes.recent}), filtered by
     * server, status, kind, or {@code overdue=true}.
     */
    @GetMapping("/api/updates")
    public List<UpdateApiView> list(@RequestParam(required = false) @Min(1) Long serverId,
            @RequestParam(required = false) UpdateStatus status, @RequestParam(required = false) UpdateKind kind,
            @RequestParam(required = false) Boolean overdue) {
        return listing.openAndRecent().stream().filter(u -> serverId == null || u.serverId() == serverId)
                .filter(u -> status == null || u.status() == status).filter(u -> kind == null || u.kind() == kind)
                .filter(u -> overdue == null || overdue(u) == overdue).map(this::view).toList();
    }

    /** 404 for an unknown update. */
    @GetMapping("/api/updates/{id}")
    public UpdateApiView get(@PathVariable("id") long id) {
        return view(updates.find(id).orElseThrow(() -> new NotFoundException("update", id)));
    }

    /**
     * R4.0-c: ops request a major update: 201 with the update (AWAITING_QUOTE) and its MajorUpdate
     * instance; 400 naming the field (no version, no release of the catalogue, not a major update
     * from the shop's version); 403 for anyone but ops; 404 unknown server; 409 when the server's
     * contract is not ACTIVE, a major update of the server is open or its version was never read.
     */
    @PostMapping(path = "/api/updates", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<UpdateApiView> request(@Valid @RequestBody MajorUpdateRequest body) {
        MajorUpdateIntake.Started started = intake.request(body.serverId(), body.targetVersion());
        return ResponseEntity.created(URI.create("/api/updates/" + started.update().id())).body(view(started.update()));
    }

    /** RD-ps: 404 for an unknown server or a shop whose version was never read. */
    @GetMapping("/api/servers/{id}/version")
    public VersionView version(@PathVariable("id") long serverId) {
        contexts.server(serverId);
        ShopVersionReading r = versions.latest(serverId)
                .orElseThrow(() -> new NotFoundException("version reading of server", serverId));
        return new VersionView(serverId, r.version().text(), r.file(), at(r.readAt()),
                catalogue.minorUpdateFor(r.version()).map(rel -> release(r, rel)).orElse(null),
                catalogue.majorUpdateFor(r.version()).map(rel -> release(r, rel)).orElse(null));
    }

    private ReleaseView release(ShopVersionReading r, Release rel) {
        UpdateKind kind = UpdateClassifier.classify(r.version(), rel.version());
        return new ReleaseView(rel.version().text(), rel.publishedOn(), rel.security(), kind.name(), kind.needsQuote());
    }

    private UpdateApiView view(UpdateView u) {
        Optional<QuoteView> quote = u.kind().needsQuote() ? quote(u) : Optional.empty();
        return new UpdateApiView(u.id(), u.serverId(), u.fromVersion(), u.toVersion(), u.kind().name(), u.security(),
                at(u.dueAt()), overdue(u), u.status().name(), at(u.windowStart()), at(u.windowEnd()),
                quote.map(this::summary).orElse(null), u.reason(), u.requestedBy(), at(u.createdAt()),
                at(u.finishedAt()), listing.process(u).map(HistoricProcessInstance::getId).orElse(null));
    }

    /** The update's quote: the one the record names, else the newest of its subject (still with the client). */
    private Optional<QuoteView> quote(UpdateView u) {
        if (u.quoteId() != null) {
            return quotes.find(u.quoteId());
        }
        return quotes.ofSubject("update:" + u.id()).stream().findFirst();
    }

    private QuoteSummary summary(QuoteView q) {
        return new QuoteSummary(q.id(), q.number(), q.status().name(), q.amountExclTax(), at(q.windowStart()),
                at(q.windowEnd()), q.validUntil(), q.decidedBy(), at(q.decidedAt()), q.channel());
    }

    private boolean overdue(UpdateView u) {
        return u.kind().includedInContract() && !u.status().finished() && u.dueAt() != null
                && !u.dueAt().isAfter(clock.instant());
    }

    private OffsetDateTime at(Instant instant) {
        return instant == null ? null : clock.atZone(instant);
    }
}
