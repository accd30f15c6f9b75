package fr.progerance.ops.contract;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.ContractPeriod;
import fr.progerance.ops.calendar.SupportedDates;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.NotFoundException;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contracts (the order form) and their life cycle. Terms change through {@link #update}; the
 * status only through {@link #changeStatus}, which enforces {@link ContractStatus}'s moves and,
 * on the way to ACTIVE, {@link ActivationRules} (R3.4 among them).
 */
@Service
public class ContractService {

    private final ContractRepository contracts;
    private final ClientRepository clients;
    private final ContactRepository contacts;
    private final ServerRepository servers;
    private final Validator validator;
    private final ContractClock clock;

    public ContractService(ContractRepository contracts, ClientRepository clients, ContactRepository contacts,
            ServerRepository servers, Validator validator, ContractClock clock) {
        this.contracts = contracts;
        this.clients = clients;
        this.contacts = contacts;
        this.servers = servers;
        this.validator = validator;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ContractView> list(Long clientId) {
        if (clientId == null) {
            return contracts.findAllByOrderByIdAsc().stream().map(this::view).toList();
        }
        if (!clients.existsById(clientId)) {
            throw new NotFoundException("Client", clientId);
        }
        return contracts.findByClient_IdOrderByIdAsc(clientId).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public ContractView get(Long id) {
        return view(contract(id));
    }

    /** R4.3-t4 readiness of a contract, for the incident process. */
    @Transactional(readOnly = true)
    public EmergencyReadiness emergencyReadiness(Long id) {
        Contract c = contract(id);
        return EmergencyReadiness.assess(c, contacts.findByClient_IdOrderByIdAsc(c.getClientId()));
    }

    /** A new contract is a DRAFT. */
    @Transactional
    public ContractView create(ContractRequest request) {
        Problems p = Problems.validate(validator, request);
        if (request == null) {
            p.throwIfAny();
        }
        Client client = null;
        if (request.clientId() != null && !p.has("clientId")) {
            client = clients.findById(request.clientId()).orElse(null);
            if (client == null) {
                p.add("clientId", "client " + request.clientId() + " does not exist");
            }
        }
        Contract contract = new Contract(client, now());
        apply(contract, request, p);
        return view(contracts.save(contract));
    }

    @Transactional
    public ContractView update(Long id, ContractRequest request) {
        Contract contract = contract(id);
        refuseIfTerminated(contract);
        Problems p = Problems.validate(validator, request);
        if (request == null) {
            p.throwIfAny();
        }
        if (request.clientId() != null && !request.clientId().equals(contract.getClientId())) {
            p.add("clientId", "a contract cannot move to another client (it belongs to client "
                    + contract.getClientId() + ")");
        }
        apply(contract, request, p);
        return view(contract);
    }

    /**
     * Moves the contract to another status ({@link ContractStatus} says which moves exist). Asking
     * for the current status changes nothing. Becoming ACTIVE needs {@link ActivationRules}; every
     * reason it cannot is answered at once as 409.
     */
    @Transactional
    public ContractView changeStatus(Long id, StatusChange request) {
        Problems.validate(validator, request).throwIfAny();
        Contract contract = contracts.findForUpdate(id).orElseThrow(() -> new NotFoundException("Contract", id));
        ContractStatus target = request.status();
        ContractStatus current = contract.getStatus();
        if (target == current) {
            return view(contract);
        }
        if (!current.canMoveTo(target)) {
            String allowed = current.next().isEmpty() ? "none: TERMINATED is final"
                    : current.next().stream().map(Enum::name).collect(Collectors.joining(", "));
            throw new ConflictException("Contract " + contract.getReference() + " cannot move from " + current
                    + " to " + target, List.of(new FieldProblem("status", "moves allowed from " + current + ": "
                            + allowed)));
        }
        if (target == ContractStatus.ACTIVE) {
            List<FieldProblem> blockers = ActivationRules.problems(contract,
                    servers.findByContract_IdOrderByIdAsc(id), contacts.findByClient_IdOrderByIdAsc(contract.getClientId()));
            if (!blockers.isEmpty()) {
                throw new ConflictException("Contract " + contract.getReference() + " cannot become ACTIVE: "
                        + blockers.stream().map(FieldProblem::message).collect(Collectors.joining("; ")), blockers);
            }
        }
        contract.moveTo(target, now());
        return view(contract);
    }

    private void apply(Contract contract, ContractRequest r, Problems p) {
        p.add("startDate", SupportedDates.problem(r.startDate()));
        String reference = Text.clean(r.reference());
        if (p.isClean("reference", reference)) {
            contracts.findByReference(reference).filter(o -> !Objects.equals(o.getId(), contract.getId()))
                    .ifPresent(o -> p.add("reference", "is already the reference of contract " + o.getId()));
        }
        EmergencyProcedure procedure = r.emergencyProcedure();
        List<String> steps = new ArrayList<>();
        Set<EmergencyAction> actions = EnumSet.noneOf(EmergencyAction.class);
        if (procedure != null) {
            if (procedure.steps() != null) {
                procedure.steps().stream().map(Text::clean).filter(Objects::nonNull).forEach(steps::add);
            }
            if (procedure.allowedActions() != null) {
                procedure.allowedActions().stream().filter(Objects::nonNull).forEach(actions::add);
            }
            if (steps.isEmpty() && !actions.isEmpty() && !p.has("emergencyProcedure")) {
                p.add("emergencyProcedure.steps",
                        "R4.3-t4: allowed actions need a procedure with at least one step");
            }
        }
        p.throwIfAny();
        contract.update(reference, r.serviceLevel(), r.monthlyFeeExclTax().setScale(2, RoundingMode.UNNECESSARY),
                r.startDate(), r.initialTermMonths(), !Boolean.FALSE.equals(r.tacitRenewal()),
                r.databaseConnectionQuota(), steps, actions, scaled(r.emergencyBudgetExclTax()),
                Boolean.TRUE.equals(r.tierceOutOfHoursAgreed()), now());
    }

    private static BigDecimal scaled(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static void refuseIfTerminated(Contract contract) {
        if (contract.getStatus().isFinal()) {
            throw new ConflictException("Contract " + contract.getReference() + " is TERMINATED and no longer changes",
                    List.of(new FieldProblem("status", "TERMINATED is final")));
        }
    }

    Contract contract(Long id) {
        return contracts.findById(id).orElseThrow(() -> new NotFoundException("Contract", id));
    }

    private ContractView view(Contract c) {
        ContractView.Period period = null;
        if (!c.getStatus().isFinal()) {
            ContractPeriod cp = clock.currentPeriod(c.getStartDate(), c.getInitialTermMonths(), c.isTacitRenewal());
            period = new ContractView.Period(cp.start(), cp.end(), cp.renewals(), clock.noticeDeadline(cp));
        }
        EmergencyReadiness readiness = EmergencyReadiness.assess(c,
                contacts.findByClient_IdOrderByIdAsc(c.getClientId()));
        return new ContractView(c.getId(), c.getClientId(), c.getClient().getCompanyName(), c.getReference(),
                c.getServiceLevel(), c.getMonthlyFeeExclTax(), "EUR", c.getStartDate(), c.getInitialTermMonths(),
                c.isTacitRenewal(), c.getDbConnectionQuota(),
                new EmergencyProcedure(c.getProcedureSteps(), c.getAllowedActions()), c.getEmergencyBudgetExclTax(),
                c.isTierceOutOfHoursAgreed(), c.getStatus(), c.getStatusChangedAt(), c.getStatus().next(), period,
                ContractView.Readiness.of(readiness), c.getCreatedAt(), c.getUpdatedAt());
    }

    /** The database keeps microseconds: the answer shows the same instant a later GET will. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
