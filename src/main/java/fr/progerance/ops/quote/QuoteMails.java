package fr.progerance.ops.quote;

import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.MailTemplates;
import fr.progerance.ops.notify.Mailer;
import fr.progerance.ops.notify.OutgoingMail;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The quote's French texts and mails (templates {@code templates/notify/mail/quote-*} and
 * {@code templates/notify/text/quote-*}): no client-facing sentence is written in Java. Each mail
 * has an idempotency key made of the quote's id and its purpose, so a retried job never mails twice.
 * Amounts are excluding tax with the VAT and the total including tax beside them (R7.1).
 */
@Component
public class QuoteMails {

    private static final DateTimeFormatter FRENCH_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRENCH);

    private final Mailer mailer;
    private final MailTemplates templates;
    private final ClientDecisions decisions;

    public QuoteMails(Mailer mailer, MailTemplates templates, ClientDecisions decisions) {
        this.mailer = mailer;
        this.templates = templates;
        this.decisions = decisions;
    }

    /** R7.1: the amounts of a quote, excluding tax, the VAT at {@code vatRate} (rounded half-up to the cent), and the total. */
    public record Amounts(BigDecimal exclTax, BigDecimal vatRate, BigDecimal vat, BigDecimal inclTax) {

        public static Amounts of(BigDecimal exclTax, BigDecimal vatRate) {
            BigDecimal vat = exclTax.multiply(vatRate).setScale(2, RoundingMode.HALF_UP);
            return new Amounts(exclTax.setScale(2, RoundingMode.HALF_UP), vatRate, vat,
                    exclTax.add(vat).setScale(2, RoundingMode.HALF_UP));
        }

        /** The rate as French percent text: 20, 5,5. */
        String percent() {
            return french(vatRate.movePointRight(2).stripTrailingZeros(), 0);
        }
    }

    /** The French question of the decision link (page and mails). */
    public String question(Quote q, Amounts amounts) {
        Map<String, Object> model = base(q, amounts);
        return templates.text("quote-question", model);
    }

    /** What the quote is, shown under the question on the decision page. */
    public String details(Quote q, Amounts amounts) {
        return templates.text("quote-details", base(q, amounts));
    }

    /** The French sentence of what happens without an answer: the caller's, else "nothing is done". */
    public String noAnswer(String callersSentence) {
        return callersSentence != null && !callersSentence.isBlank() ? callersSentence.strip()
                : templates.text("quote-no-answer", Map.of());
    }

    /** RD-extra, R4.0-c: the quote and its signed links to the contact who may authorise (R4.3-t4). */
    public void request(QuoteService.Context ctx, ClientDecision decision, Contact recipient, Amounts amounts,
            String noAnswer) {
        Map<String, Object> model = linked(ctx, decision, amounts, noAnswer);
        model.put("recipientName", recipient.getName());
        mailer.send(OutgoingMail.french("quote:" + ctx.quote().getId() + ":request", List.of(decision.getRecipientEmail()),
                "quote-request", model));
    }

    /** DESIGN rule 12: reminder {@code n}, with the same links. */
    public void reminder(QuoteService.Context ctx, ClientDecision decision, Amounts amounts, String noAnswer, int n) {
        Map<String, Object> model = linked(ctx, decision, amounts, noAnswer);
        model.put("reminder", n);
        ctx.recipient().filter(c -> decision.getRecipientEmail().equals(c.getEmail()))
                .ifPresent(c -> model.put("recipientName", c.getName()));
        mailer.send(OutgoingMail.french("quote:" + ctx.quote().getId() + ":reminder:" + n,
                List.of(decision.getRecipientEmail()), "quote-reminder", model));
    }

    /** DESIGN rule 12: the validity ended without an answer; the quote is closed and nothing is done. */
    public void expired(QuoteService.Context ctx, ClientDecision decision, String noAnswer) {
        Quote q = ctx.quote();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("number", q.getNumber());
        model.put("title", q.getTitle());
        model.put("clientName", ctx.clientName());
        model.put("serverName", ctx.serverName());
        model.put("validUntil", frenchDay(q.getValidUntil()));
        model.put("expiresAt", decisions.frenchDateTime(decision.getExpiresAt()));
        model.put("noAnswer", noAnswer);
        ctx.recipient().filter(c -> decision.getRecipientEmail().equals(c.getEmail()))
                .ifPresent(c -> model.put("recipientName", c.getName()));
        mailer.send(OutgoingMail.french("quote:" + q.getId() + ":expired", List.of(decision.getRecipientEmail()),
                "quote-expired", model));
    }

    private Map<String, Object> linked(QuoteService.Context ctx, ClientDecision decision, Amounts amounts,
            String noAnswer) {
        Map<String, Object> model = new LinkedHashMap<>(decisions.mailModel(decision));
        model.putAll(base(ctx.quote(), amounts));
        model.put("clientName", ctx.clientName());
        model.put("serverName", ctx.serverName());
        model.put("descriptionLines", ctx.quote().getDescription().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList());
        model.put("noAnswer", noAnswer);
        return model;
    }

    private Map<String, Object> base(Quote q, Amounts amounts) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("number", q.getNumber());
        model.put("title", q.getTitle());
        model.put("description", q.getDescription());
        model.put("windowStart", frenchDateTime(q.getWindowStart()));
        model.put("windowEnd", frenchDateTime(q.getWindowEnd()));
        model.put("validUntil", frenchDay(q.getValidUntil()));
        model.put("amountExclTax", french(amounts.exclTax(), 2));
        model.put("vatPercent", amounts.percent());
        model.put("vatAmount", french(amounts.vat(), 2));
        model.put("amountInclTax", french(amounts.inclTax(), 2));
        return model;
    }

    String frenchDateTime(Instant instant) {
        return decisions.frenchDateTime(instant);
    }

    String frenchDay(LocalDate day) {
        return FRENCH_DAY.format(day);
    }

    /** French number text: {@code 1 234,50} (at least {@code minDecimals} decimals, at most 2). */
    static String french(BigDecimal amount, int minDecimals) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.FRENCH);
        f.setMinimumFractionDigits(minDecimals);
        f.setMaximumFractionDigits(Math.max(2, minDecimals));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(amount);
    }
}
