package fr.progerance.ops.web;

/**
 * One thing wrong with a request: the field or parameter it concerns and why.
 *
 * @param field   the JSON field path ({@code contacts[0].email}) or query parameter name
 * @param message what is wrong, in words an operator understands
 */
public record FieldProblem(String field, String message) {
}
