package fr.progerance.ops.billing.statement;

import fr.progerance.ops.billing.BillingCaller;
import fr.progerance.ops.billing.statement.StatementViews.ImportSummary;
import fr.progerance.ops.billing.statement.StatementViews.LineView;
import fr.progerance.ops.billing.statement.StatementViews.StatementView;
import fr.progerance.ops.web.ApiError;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.PlainText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bank statements and the lines matching left to ops (issue 9). For the groups of the API (ops,
 * managers, administrators), authenticated, cross-site writes refused like every {@code /api} call.
 * <ul>
 * <li>{@code POST /api/payments/statements}: the statement file as the raw body, with
 *     {@code Content-Type: application/xml} (camt.053) or {@code text/csv}: 201 and the import's
 *     summary, or 200 and the first import's summary when the statement was imported before;</li>
 * <li>{@code GET /api/payments/statements}: the imported statements;
 *     {@code GET /api/payments/statements/{id}/lines}: one statement's lines;</li>
 * <li>{@code GET /api/payments/unmatched}: every UNMATCHED line with its reason, oldest first;</li>
 * <li>{@code POST /api/payments/unmatched/{lineId}/assign} {@code {"invoiceNumber": "F2026-000123"}}:
 *     records the line's payment against that invoice.</li>
 * </ul>
 */
@RestController
@RequestMapping(path = "/api/payments", produces = MediaType.APPLICATION_JSON_VALUE)
class StatementController {

    private static final String TYPES = "send a camt.053 statement as application/xml or a CSV statement as"
            + " text/csv (UTF-8), the file as the raw body";

    private final StatementService service;
    private final BillingCaller caller;

    StatementController(StatementService service, BillingCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    /** The body of an assignment. */
    record AssignRequest(@NotBlank @Size(max = 40) @PlainText String invoiceNumber) {
    }

    /** The content type is not a statement's. */
    static final class UnsupportedStatementType extends RuntimeException {
        UnsupportedStatementType(String message) {
            super(message);
        }
    }

    /** The body is larger than {@link StatementService#MAX_BYTES}. */
    static final class StatementTooLarge extends RuntimeException {
        StatementTooLarge(String message) {
            super(message);
        }
    }

    @PostMapping("/statements")
    ResponseEntity<ImportSummary> importStatement(HttpServletRequest request) throws IOException {
        StatementFormat format = format(request.getContentType());
        byte[] body = body(request);
        if (body.length == 0) {
            throw new InvalidInputException("body", "is empty: " + TYPES);
        }
        StatementService.ImportResult result = service.importStatement(format, body, caller.user());
        if (!result.created()) {
            return ResponseEntity.ok(result.summary());
        }
        return ResponseEntity.created(URI.create("/api/payments/statements/" + result.summary().statementId()
                + "/lines")).body(result.summary());
    }

    @GetMapping("/statements")
    List<StatementView> statements() {
        return service.list();
    }

    @GetMapping("/statements/{id}/lines")
    List<LineView> lines(@PathVariable("id") long statementId) {
        return service.lines(statementId);
    }

    @GetMapping("/unmatched")
    List<LineView> unmatched() {
        return service.unmatched();
    }

    @PostMapping(path = "/unmatched/{lineId}/assign", consumes = MediaType.APPLICATION_JSON_VALUE)
    LineView assign(@PathVariable("lineId") long lineId, @Valid @RequestBody AssignRequest request) {
        return service.assign(lineId, request.invoiceNumber(), caller.user());
    }

    @ExceptionHandler(UnsupportedStatementType.class)
    ResponseEntity<ApiError> unsupported(UnsupportedStatementType e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    }

    @ExceptionHandler(StatementTooLarge.class)
    ResponseEntity<ApiError> tooLarge(StatementTooLarge e) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), status.getReasonPhrase(), message, List.of()));
    }

    /** camt.053 for XML, CSV for text/csv in UTF-8; anything else is refused (415). */
    static StatementFormat format(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new UnsupportedStatementType("No Content-Type: " + TYPES);
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new UnsupportedStatementType("Content-Type '" + fr.progerance.ops.web.Excerpt.of(contentType)
                    + "' cannot be read: " + TYPES);
        }
        if (MediaType.APPLICATION_XML.equalsTypeAndSubtype(type) || MediaType.TEXT_XML.equalsTypeAndSubtype(type)) {
            return StatementFormat.CAMT053;
        }
        if (new MediaType("text", "csv").equalsTypeAndSubtype(type)) {
            Charset charset;
            try {
                charset = type.getCharset();
            } catch (IllegalArgumentException e) {
                charset = null;
            }
            if (type.getParameter("charset") != null && !StandardCharsets.UTF_8.equals(charset)) {
                throw new UnsupportedStatementType("A CSV statement is read as UTF-8, not "
                        + fr.progerance.ops.web.Excerpt.of(type.getParameter("charset")) + ": save it as UTF-8");
            }
            return StatementFormat.CSV;
        }
        throw new UnsupportedStatementType("Content-Type " + fr.progerance.ops.web.Excerpt.of(type.getType() + "/"
                + type.getSubtype()) + " is not a statement: " + TYPES);
    }

    /** The raw body, at most {@link StatementService#MAX_BYTES}. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        String limit = "A statement file is at most " + StatementService.MAX_BYTES / (1024 * 1024)
                + " MB: split the period into several statements";
        if (request.getContentLengthLong() > StatementService.MAX_BYTES) {
            throw new StatementTooLarge(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > StatementService.MAX_BYTES) {
                    throw new StatementTooLarge(limit);
                }
            }
        }
        return out.toByteArray();
    }
}
