package fr.progerance.ops.contract;

import fr.progerance.ops.web.ApiError;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The services check uniqueness before writing; a concurrent request can still win the race, and
 * the database's constraints then refuse the second write. That is a conflict to retry (409), not
 * a server failure.
 */
@RestControllerAdvice(assignableTypes = {ClientController.class, ContractController.class, ServerController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegisterConflictHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegisterConflictHandler.class);

    @ExceptionHandler({DataIntegrityViolationException.class, ObjectOptimisticLockingFailureException.class})
    ResponseEntity<ApiError> concurrentChange(RuntimeException e) {
        LOG.info("Register write refused by a concurrent change: {}", e.getMessage());
        HttpStatus status = HttpStatus.CONFLICT;
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(),
                "Another request changed the same records at the same time; read them again and retry", List.of()));
    }
}
