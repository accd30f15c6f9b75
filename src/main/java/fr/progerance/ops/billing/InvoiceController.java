package fr.progerance.ops.billing;

import fr.progerance.ops.web.InvalidInputException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The invoices (R7.1, R7.5, R4.4-c), for ops and managers: the list, one invoice with its payments,
 * standing and legal mentions, and the French document the client receives.
 */
@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {

    /** An invoice number: the prefix setting, the year and the counter ({@code F2026-000042}). */
    static final String NUMBER = "[A-Za-z0-9][A-Za-z0-9_-]{0,31}";
    private static final Pattern NUMBER_PATTERN = Pattern.compile(NUMBER);

    private final InvoiceViews views;
    private final InvoiceDocuments documents;

    public InvoiceController(InvoiceViews views, InvoiceDocuments documents) {
        this.views = views;
        this.documents = documents;
    }

    /** {@code ?clientId=} and {@code ?status=open|paid|overdue}, both optional; newest first. */
    @GetMapping
    public List<InvoiceSummary> list(@RequestParam(required = false) Long clientId,
            @RequestParam(required = false) String status) {
        InvoiceViews.Filter filter;
        try {
            filter = InvoiceViews.filter(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "must be open, paid or overdue");
        }
        return views.list(clientId, filter);
    }

    /** 404 for an unknown number. */
    @GetMapping("/{number}")
    public InvoiceView get(@PathVariable("number") String number) {
        return views.view(checked(number));
    }

    /** The invoice in French as the client receives it (HTML, every value escaped). */
    @GetMapping("/{number}/document")
    public ResponseEntity<String> document(@PathVariable("number") String number) {
        String html = documents.frenchHtml(checked(number));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
                .body(html);
    }

    static String checked(String number) {
        if (number == null || !NUMBER_PATTERN.matcher(number).matches()) {
            throw new InvalidInputException("number", "is not an invoice number such as F2026-000042");
        }
        return number;
    }
}
