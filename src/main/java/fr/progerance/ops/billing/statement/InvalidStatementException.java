package fr.progerance.ops.billing.statement;

import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import java.util.List;

/**
 * The file is not a statement the engine can read: malformed XML, a DTD, a missing element, a bad
 * CSV line. Answered as 400; each problem names where (an element path, or a CSV line and column).
 * Nothing of the file is imported.
 */
public class InvalidStatementException extends InvalidInputException {

    public InvalidStatementException(List<FieldProblem> problems) {
        super(problems);
    }

    public InvalidStatementException(String where, String message) {
        super(where, message);
    }
}
