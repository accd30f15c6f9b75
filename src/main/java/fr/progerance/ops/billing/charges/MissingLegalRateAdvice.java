package fr.progerance.ops.billing.charges;

import fr.progerance.ops.web.ApiError;
import fr.progerance.ops.web.FieldProblem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * R7.5: an API call whose computation reached a day late without a legal rate answers 409 with a
 * problem on {@code semester} naming it (and how to enter it), never a zero and never a 500.
 */
@RestControllerAdvice(basePackages = "fr.progerance.ops")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MissingLegalRateAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(MissingLegalRateAdvice.class);

    @ExceptionHandler(MissingLegalRateException.class)
    ResponseEntity<ApiError> missingRate(MissingLegalRateException e) {
        LOG.warn("R7.5: {}", e.getMessage());
        HttpStatus status = HttpStatus.CONFLICT;
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), e.getMessage(),
                List.of(new FieldProblem("semester", e.semester() + " has no legal interest rate yet: a manager enters it "
                        + "with its source (PUT /api/billing/legal-rates/" + e.semester() + ")"))));
    }
}
