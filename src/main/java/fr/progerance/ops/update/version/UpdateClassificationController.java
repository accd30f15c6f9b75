package fr.progerance.ops.update.version;

import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * How far an update goes (RD-ps, R4.0-b, R4.0-c) and what PrestaShop published. Read-only: every
 * API user (ops, managers, administrators) may call it, like the other read-only APIs.
 */
@RestController
@RequestMapping("/api/updates")
public class UpdateClassificationController {

    private final ReleaseCatalogue catalogue;

    public UpdateClassificationController(ReleaseCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * The answer of {@code GET /api/updates/classify}: exactly these two fields.
     *
     * @param kind       MAJOR, MINOR, PATCH or NONE (to is not newer)
     * @param needsQuote R4.0-c: true for a major update only
     */
    public record Classification(UpdateKind kind, boolean needsQuote) {

        static Classification of(UpdateKind kind) {
            return new Classification(kind, kind.needsQuote());
        }
    }

    /** One row of {@code GET /api/updates/releases}. */
    public record ReleaseView(String version, String publishedOn, boolean security, String source) {

        static ReleaseView of(Release r) {
            return new ReleaseView(r.version().text(), r.publishedOn().toString(), r.security(), r.source());
        }
    }

    /**
     * {@code GET /api/updates/classify?from=<version>&to=<version>}: {@code {"kind": ..., "needsQuote": ...}}.
     * Versions as {@link PrestaShopVersion#parse} reads them (package suffixes accepted). A missing
     * or bad version answers 400 naming {@code from} and/or {@code to}, both at once.
     */
    @GetMapping("/classify")
    public Classification classify(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        List<FieldProblem> problems = new ArrayList<>();
        PrestaShopVersion fromVersion = version("from", from, problems);
        PrestaShopVersion toVersion = version("to", to, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return Classification.of(UpdateClassifier.classify(fromVersion, toVersion));
    }

    /** {@code GET /api/updates/releases}: the catalogue in version order, each release with its source. */
    @GetMapping("/releases")
    public List<ReleaseView> releases() {
        return catalogue.releases().stream().map(ReleaseView::of).toList();
    }

    private static PrestaShopVersion version(String field, String text, List<FieldProblem> problems) {
        try {
            return PrestaShopVersion.parse(text);
        } catch (InvalidVersionException e) {
            problems.add(new FieldProblem(field, e.getMessage()));
            return null;
        }
    }
}
