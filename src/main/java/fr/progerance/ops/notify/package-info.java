/**
 * Shared notifications: mail and signed client decision links. Used by the obligation packages;
 * imports none of them nor {@code contract} (ids of contacts are plain numbers here). Camunda's Java
 * API is used only by {@link fr.progerance.ops.notify.DecisionCorrelator}.
 *
 * <h2>Mail</h2>
 * {@link fr.progerance.ops.notify.Mailer#send} renders a template and sends it at most once per
 * idempotency key (table {@code ops_sent_mail}: a short committed claim, SMTP with no database
 * connection of the mailer held, then a short mark); SMTP failures release the claim and throw
 * {@link fr.progerance.ops.notify.MailDeliveryException} so the job retries. Settings
 * {@code ops.mail.*} ({@link fr.progerance.ops.notify.MailSettings}); SMTP itself is
 * {@code spring.mail.*}.
 *
 * <p><b>Adding a template</b> (process owners): create, under
 * {@code src/main/resources/templates/notify/mail/}, {@code <name>.subject.txt} (the subject) and
 * {@code <name>.txt} (the plain-text body), name in lower-case words joined by '-'. Both are
 * Thymeleaf TEXT mode: {@code [(${var})]} prints a value as it is (not {@code [[${var}]]}, which
 * HTML-escapes), {@code [# th:if="${...}"]...[/]} and {@code [# th:each="x : ${list}"]...[/]} are
 * blocks: write a block's tags inline, right before and after its text (for example
 * {@code [# th:each="p : ${paragraphs}"][(${p})]}, a blank line, {@code [/]}), since a line holding
 * only a tag keeps unpredictable line breaks. {@code /*[- ... -]*}{@code /} is a comment: start
 * the body with one listing the model's variables. The subject is folded onto one line, the body loses trailing
 * spaces and runs of blank lines. French is the unsuffixed files; an English variant is
 * {@code <name>_en.subject.txt} + {@code <name>_en.txt} (picked for {@code Locale.ENGLISH}, French
 * otherwise). An optional {@code <name>.html} (Thymeleaf HTML mode, {@code th:text} escapes)
 * becomes the HTML alternative; the text stays for clients that read plain text. Never put
 * secrets in a model; links with tokens are fine (bodies are neither stored nor logged). Every
 * template receives {@code supportAddress} and {@code baseUrl}. Existing: {@code decision-request}
 * (with HTML), {@code plain-notice}.
 *
 * <h2>Client decisions</h2>
 * {@link fr.progerance.ops.notify.ClientDecisions}: a process requests a decision, mails
 * {@code decision-request} with {@code ClientDecisions.mailModel(decision)} plus {@code noAnswer},
 * waits on a message; the client answers on {@code /decisions/{token}} (no login: the HMAC-signed
 * token of {@link fr.progerance.ops.notify.SignedLinks} is the authority) or ops record a phone
 * answer; the answer and the message correlation commit together. Settings {@code ops.links.*}
 * ({@link fr.progerance.ops.notify.LinkSettings}): a cluster must share {@code ops.links.secret}.
 */
package fr.progerance.ops.notify;
