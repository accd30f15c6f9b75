package fr.progerance.ops.web;

import java.util.List;

/**
 * The JSON body of every error answered under {@code /api}.
 *
 * @param status   the HTTP status code
 * @param error    the HTTP reason phrase
 * @param message  a one-line summary
 * @param problems each bad field or parameter, named (empty when the error is not about input)
 */
public record ApiError(int status, String error, String message, List<FieldProblem> problems) {
}
