package fr.progerance.ops.backup;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The hold records of {@link BackupHolds}. */
public interface BackupHoldRepository extends JpaRepository<BackupHold, Long> {

    List<BackupHold> findByClientIdOrderByPlacedAtDescIdDesc(long clientId);

    List<BackupHold> findAllByOrderByPlacedAtDescIdDesc();
}
