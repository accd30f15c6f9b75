package fr.progerance.ops.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * {@link InvoiceDocuments}: the invoice as the client reads it, in French, from the templates
 * {@code templates/billing/invoice.html} (HTML mode: every value escaped) and {@code invoice.txt}
 * (plain text for mail bodies), with the legal mentions from the settings (R7.3, R7.5). Every value
 * is formatted here; the templates only place them.
 */
@Component
public class InvoiceDocumentRenderer implements InvoiceDocuments {

    static final String ROOT = "templates/billing/";

    private final InvoiceViews views;
    private final BillingSettings settings;
    private final TemplateEngine engine;

    public InvoiceDocumentRenderer(InvoiceViews views, BillingSettings settings) {
        this.views = views;
        this.settings = settings;
        // Spring's dialect (SpEL): the standard one needs OGNL, which the application does not ship.
        SpringTemplateEngine e = new SpringTemplateEngine();
        e.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        e.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        this.engine = e;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver(InvoiceDocumentRenderer.class.getClassLoader());
        r.setPrefix(ROOT);
        r.setTemplateMode(mode);
        r.setResolvablePatterns(Set.of(pattern));
        r.setCharacterEncoding("UTF-8");
        r.setCacheable(true);
        r.setCheckExistence(true);
        r.setOrder(order);
        return r;
    }

    @Override
    public String frenchHtml(String invoiceNumber) {
        return engine.process("invoice.html", new Context(Locale.FRANCE, model(views.view(invoiceNumber))));
    }

    @Override
    public String frenchText(String invoiceNumber) {
        String text = engine.process("invoice.txt", new Context(Locale.FRANCE, model(views.view(invoiceNumber))));
        return text.replace("\r\n", "\n").replaceAll("(?m)[ \\t]+$", "").replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    /** Every value already formatted in French. */
    Map<String, Object> model(InvoiceView v) {
        Map<String, Object> m = new HashMap<>();
        m.put("number", v.number());
        m.put("issuedOn", FrenchFormat.date(v.issuedOn()));
        m.put("dueOn", FrenchFormat.date(v.dueOn()));
        m.put("period", "du " + FrenchFormat.date(v.periodStart()) + " au " + FrenchFormat.date(v.periodEnd()));
        m.put("clientName", v.clientName());
        m.put("clientAddress", v.clientAddress());
        m.put("clientVatNumber", v.clientVatNumber());
        m.put("contractReference", v.contractReference());
        List<Map<String, String>> lines = new ArrayList<>();
        for (InvoiceView.Line line : v.lines()) {
            lines.add(Map.of("description", line.description(), "amount", euros(line.amountExclTax())));
        }
        m.put("lines", lines);
        m.put("netExclTax", euros(v.netExclTax()));
        m.put("vatLabel", "TVA " + FrenchFormat.percent(new BigDecimal(v.vatRate())));
        m.put("vatAmount", euros(v.vatAmount()));
        m.put("totalInclTax", euros(v.totalInclTax()));
        List<Map<String, String>> payments = new ArrayList<>();
        for (InvoiceView.PaymentLine p : v.payments()) {
            payments.add(Map.of("date", FrenchFormat.date(p.paidOn()), "amount", euros(p.amount()),
                    "reference", p.reference()));
        }
        m.put("payments", payments);
        InvoiceView.Standing s = v.standing();
        m.put("standingKnown", s != null);
        if (s != null) {
            m.put("paid", euros(s.paid()));
            m.put("principalDue", euros(s.principalDue()));
            boolean late = new BigDecimal(s.charges().total()).signum() > 0;
            m.put("late", late);
            m.put("daysLate", s.charges().daysLate());
            m.put("interest", euros(s.charges().interest()));
            m.put("recoveryFee", euros(s.charges().recoveryFee()));
            m.put("totalDue", euros(s.totalDue()));
        } else {
            m.put("missingLegalRate", v.missingLegalRate());
        }
        m.put("legalMentions", v.legalMentions().text());
        m.put("settled", s != null && new BigDecimal(s.totalDue()).signum() == 0);
        m.put("opsAddress", settings.getOpsAddress());
        return m;
    }

    private static String euros(String amount) {
        return FrenchFormat.euros(new BigDecimal(amount));
    }
}
