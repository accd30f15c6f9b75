package fr.progerance.ops.billing.charges;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The managers' legal rates ({@link EnteredLegalRate}). */
interface EnteredLegalRateRepository extends JpaRepository<EnteredLegalRate, String> {

    List<EnteredLegalRate> findAllByOrderBySemesterAsc();
}
