package fr.progerance.ops.contract;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ContactRepository extends JpaRepository<Contact, Long> {

    List<Contact> findByClient_IdOrderByIdAsc(Long clientId);

    Optional<Contact> findByIdAndClient_Id(Long id, Long clientId);
}
