package fr.progerance.ops.contract;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ServerRepository extends JpaRepository<Server, Long> {

    List<Server> findAllByOrderByIdAsc();

    List<Server> findByContract_IdOrderByIdAsc(Long contractId);

    Optional<Server> findByContract_IdAndName(Long contractId, String name);

    /** RD-ps: the servers whose shop the engine can update (their admin directory is known). */
    List<Server> findByAdminDirectoryIsNotNullOrderByIdAsc();
}
