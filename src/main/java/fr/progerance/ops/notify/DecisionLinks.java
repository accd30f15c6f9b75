package fr.progerance.ops.notify;

/**
 * The client's URLs of a decision. {@code page} is {@code {base-url}/decisions/{token}}; the approve
 * and decline URLs open the same page with that choice highlighted: only the page's POST forms
 * decide, so a mail scanner or link preview that follows a link never answers for the client.
 */
public record DecisionLinks(String page, String approve, String decline) {
}
