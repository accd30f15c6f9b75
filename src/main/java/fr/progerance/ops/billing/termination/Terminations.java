package fr.progerance.ops.billing.termination;

import fr.progerance.ops.calendar.CalendarDays;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.SupportedDates;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * R8.3, R8.5: recording a termination notice and the invoicing end it leads to. One notice per
 * contract; only a running contract (ACTIVE or SUSPENDED) can be given notice. The effective end is
 * computed once, when the notice is recorded ({@link TerminationDates}), and kept on the record.
 */
@Service
public class Terminations implements InvoicingEnd {

    private static final Logger LOG = LoggerFactory.getLogger(Terminations.class);

    /** A recorded notice as the API shows it. */
    public record Termination(long contractId, LocalDate noticeDate, TerminationParty party, String reason,
            LocalDate effectiveEnd, LocalDate lastDayOfService, YearMonth lastInvoicedMonth, String recordedBy,
            Instant recordedAt) {

        static Termination of(ContractTermination t) {
            return new Termination(t.getContractId(), t.getNoticeDate(), t.getParty(), t.getReason(), t.getEffectiveEnd(),
                    CalendarDays.dayBefore(t.getEffectiveEnd()), TerminationDates.lastInvoicedMonth(t.getEffectiveEnd()),
                    t.getRecordedBy(), t.getRecordedAt());
        }
    }

    private final ContractRepository contracts;
    private final ContractTerminationRepository terminations;
    private final EntityManager entityManager;
    private final ContractClock clock;

    public Terminations(ContractRepository contracts, ContractTerminationRepository terminations,
            EntityManager entityManager, ContractClock clock) {
        this.contracts = contracts;
        this.terminations = terminations;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Records the notice sent on {@code noticeDate} (the registered letter's date) by {@code party}.
     *
     * @throws InvalidInputException a notice date outside the supported dates or after today, or a bad reason
     * @throws NotFoundException     no such contract
     * @throws ConflictException     a DRAFT or TERMINATED contract, a notice already recorded, or a
     *                               contract without tacit renewal whose term had ended by the notice date
     */
    @Transactional
    public Termination record(long contractId, LocalDate noticeDate, TerminationParty party, String reason,
            String recordedBy) {
        Optional<String> range = SupportedDates.problem(noticeDate);
        if (range.isPresent()) {
            throw new InvalidInputException("noticeDate", range.get());
        }
        if (noticeDate.isAfter(clock.today())) {
            throw new InvalidInputException("noticeDate", "is the registered letter's date: it cannot be after today ("
                    + clock.today() + "), got " + noticeDate);
        }
        Contract contract = contracts.findForUpdate(contractId)
                .orElseThrow(() -> new NotFoundException("Contract", contractId));
        if (contract.getStatus() == ContractStatus.DRAFT || contract.getStatus() == ContractStatus.TERMINATED) {
            throw new ConflictException("Contract " + contractId + " is " + contract.getStatus()
                    + ": only an ACTIVE or SUSPENDED contract can be given notice (R8.3)",
                    List.of(new FieldProblem("status", "is " + contract.getStatus())));
        }
        Optional<ContractTermination> existing = terminations.findByContractId(contractId);
        if (existing.isPresent()) {
            throw already(contractId, existing.get());
        }
        TerminationDates dates = TerminationDates.of(contract.getStartDate(), contract.getInitialTermMonths(),
                contract.isTacitRenewal(), noticeDate, clock.terminationNotice()).orElseThrow(() -> new ConflictException(
                        "Contract " + contractId + " is not tacitly renewed and its term had ended before " + noticeDate
                                + ": there is nothing left to terminate (R8.1, R8.3)",
                        List.of(new FieldProblem("noticeDate", "is after the end of the contract's only term"))));
        ContractTermination record = new ContractTermination(contractId, noticeDate, party, reason.strip(),
                dates.effectiveEnd(), recordedBy, clock.instant());
        try {
            entityManager.persist(record);
            entityManager.flush();
        } catch (PersistenceException e) {
            throw new ConflictException("A termination notice for contract " + contractId
                    + " was recorded at the same time by someone else", List.of(new FieldProblem("contractId",
                            "already has a termination notice")));
        }
        LOG.info("R8.3 termination of contract {} by {} (letter of {}, deadline {} {}): effective end {}, recorded by {}",
                contractId, party, noticeDate, dates.noticeDeadline(), dates.inTime() ? "met" : "missed",
                dates.effectiveEnd(), recordedBy);
        return Termination.of(record);
    }

    /** The notice recorded for the contract. @throws NotFoundException no contract, or no notice recorded */
    @Transactional(readOnly = true)
    public Termination get(long contractId) {
        if (!contracts.existsById(contractId)) {
            throw new NotFoundException("Contract", contractId);
        }
        return terminations.findByContractId(contractId).map(Termination::of)
                .orElseThrow(() -> new NotFoundException("Termination notice of contract", contractId));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LocalDate> effectiveEnd(long contractId) {
        return terminations.findByContractId(contractId).map(ContractTermination::getEffectiveEnd);
    }

    private static ConflictException already(long contractId, ContractTermination t) {
        return new ConflictException("Contract " + contractId + " already has a termination notice (letter of "
                + t.getNoticeDate() + ", effective end " + t.getEffectiveEnd() + ")",
                List.of(new FieldProblem("contractId", "already has a termination notice, recorded by " + t.getRecordedBy())));
    }
}
