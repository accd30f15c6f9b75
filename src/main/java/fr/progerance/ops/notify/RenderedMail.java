package fr.progerance.ops.notify;

/**
 * A rendered mail: one-line subject, plain-text body and, when the template has one, an HTML
 * alternative ({@code null} otherwise).
 */
record RenderedMail(String subject, String text, String html) {
}
