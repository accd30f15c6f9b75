package fr.progerance.ops.remote;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** The operation records of {@link RemoteOperations}. */
public interface RemoteOperationRepository extends JpaRepository<RemoteOperation, Long> {

    Optional<RemoteOperation> findByOperationKey(String operationKey);
}
