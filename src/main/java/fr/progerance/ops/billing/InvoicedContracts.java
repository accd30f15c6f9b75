package fr.progerance.ops.billing;

import fr.progerance.ops.contract.Contract;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** R7.2: the contracts a month's issuing looks at. */
public interface InvoicedContracts extends Repository<Contract, Long> {

    /** The ids of the ACTIVE contracts started on or before {@code issueDate}, in id order. */
    @Query("select c.id from Contract c where c.status = fr.progerance.ops.contract.ContractStatus.ACTIVE"
            + " and c.startDate <= :issueDate order by c.id")
    List<Long> activeStartedBy(@Param("issueDate") LocalDate issueDate);
}
