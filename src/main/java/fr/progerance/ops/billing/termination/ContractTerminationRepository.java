package fr.progerance.ops.billing.termination;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** The termination notices ({@link ContractTermination}). */
interface ContractTerminationRepository extends JpaRepository<ContractTermination, Long> {

    Optional<ContractTermination> findByContractId(long contractId);
}
