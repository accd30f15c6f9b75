package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.IncidentCategory;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface IncidentRepository extends JpaRepository<Incident, Long> {

    Optional<Incident> findByNumber(String number);

    Optional<Incident> findFirstByServerIdAndCategoryAndStatusOrderByIdAsc(Long serverId, IncidentCategory category,
            IncidentStatus status);

    List<Incident> findByStatusOrderByIdDesc(IncidentStatus status);

    List<Incident> findAllByOrderByIdDesc();

    long countByStatusAndInfrastructure(IncidentStatus status, fr.progerance.ops.calendar.Infrastructure infrastructure);
}
