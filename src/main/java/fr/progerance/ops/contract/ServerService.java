package fr.progerance.ops.contract;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Servers of contracts and the TIERCE onboarding checklist (R3.4, R6.8-a). */
@Service
public class ServerService {

    private final ServerRepository servers;
    private final ContractRepository contracts;
    private final Validator validator;
    private final ContractClock clock;
    private final RegisterSettings settings;

    public ServerService(ServerRepository servers, ContractRepository contracts, Validator validator,
            ContractClock clock, RegisterSettings settings) {
        this.servers = servers;
        this.contracts = contracts;
        this.validator = validator;
        this.clock = clock;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    public List<ServerView> list(Long contractId) {
        if (contractId == null) {
            return servers.findAllByOrderByIdAsc().stream().map(ServerView::of).toList();
        }
        if (!contracts.existsById(contractId)) {
            throw new NotFoundException("Contract", contractId);
        }
        return servers.findByContract_IdOrderByIdAsc(contractId).stream().map(ServerView::of).toList();
    }

    @Transactional(readOnly = true)
    public ServerView get(Long id) {
        return ServerView.of(server(id));
    }

    /** A new TIERCE server gets its whole checklist, unchecked (R3.4). */
    @Transactional
    public ServerView create(ServerRequest request) {
        Problems p = Problems.validate(validator, request);
        if (request == null) {
            p.throwIfAny();
        }
        Contract contract = null;
        if (request.contractId() != null) {
            contract = contracts.findById(request.contractId()).orElse(null);
            if (contract == null) {
                p.add("contractId", "contract " + request.contractId() + " does not exist");
            }
        }
        Server server = new Server(contract, now());
        apply(server, contract, request, p);
        return ServerView.of(servers.save(server));
    }

    @Transactional
    public ServerView update(Long id, ServerRequest request) {
        Server server = server(id);
        Problems p = Problems.validate(validator, request);
        if (request == null) {
            p.throwIfAny();
        }
        if (request.contractId() != null && !request.contractId().equals(server.getContractId())) {
            p.add("contractId", "a server cannot move to another contract (it belongs to contract "
                    + server.getContractId() + ")");
        }
        apply(server, server.getContract(), request, p);
        return ServerView.of(server);
    }

    @Transactional(readOnly = true)
    public PrerequisitesView prerequisites(Long id) {
        Server server = server(id);
        requireTierce(server);
        return PrerequisitesView.of(server);
    }

    /**
     * Records checklist items of a TIERCE server as checked or not, by {@code actor} (the
     * authenticated user) now. Unchecking is allowed at any time (an access may be withdrawn); it
     * blocks the contract's next activation, not the current one.
     */
    @Transactional
    public PrerequisitesView updatePrerequisites(Long id, PrerequisitesUpdate request, String actor) {
        Server server = server(id);
        requireTierce(server);
        Problems p = Problems.validate(validator, request);
        if (request != null && request.items() != null) {
            Set<Prerequisite> seen = new HashSet<>();
            for (int i = 0; i < request.items().size(); i++) {
                PrerequisitesUpdate.Item item = request.items().get(i);
                if (item != null && item.item() != null && !seen.add(item.item())) {
                    p.add("items[" + i + "].item", item.item() + " is listed more than once");
                }
            }
        }
        p.throwIfAny();
        // Serialises with a status change of the contract (R3.4 is checked on activation).
        Contract contract = contracts.findForUpdate(server.getContractId())
                .orElseThrow(() -> new NotFoundException("Contract", server.getContractId()));
        refuseIfTerminated(contract);
        for (PrerequisitesUpdate.Item item : request.items()) {
            server.prerequisite(item.item()).orElseThrow()
                    .record(item.checked(), Text.clean(item.note()), actor, now());
        }
        return PrerequisitesView.of(server);
    }

    private static void requireTierce(Server server) {
        if (!server.isTierce()) {
            throw new InvalidInputException("infrastructure", "R3.4: the onboarding prerequisites apply to TIERCE"
                    + " servers only; server " + server.getName() + " (id " + server.getId() + ") is "
                    + server.getInfrastructure());
        }
    }

    private void apply(Server server, Contract contract, ServerRequest r, Problems p) {
        String name = Text.clean(r.name());
        String address = r.address() == null ? null : r.address().strip().toLowerCase(Locale.ROOT);
        String fingerprint = Text.clean(r.hostKeyFingerprint());
        String url = Text.clean(r.prestashopUrl());
        String hoster = Text.clean(r.hosterName());
        String keyword = Text.clean(r.shopKeyword());
        if (p.isClean("address", address)) {
            p.add("address", HostAddresses.problem(address, settings.addressPolicy()));
        }
        if (p.isClean("hostKeyFingerprint", fingerprint)) {
            p.add("hostKeyFingerprint", FieldRules.fingerprintProblem(fingerprint));
        }
        if (p.isClean("prestashopUrl", url)) {
            p.add("prestashopUrl", FieldRules.shopUrlProblem(url, settings.addressPolicy()));
        }
        if (p.isClean("shopKeyword", keyword)) {
            p.add("shopKeyword", FieldRules.shopKeywordProblem(keyword));
        }
        if (r.infrastructure() == Infrastructure.TIERCE && hoster == null && !p.has("hosterName")) {
            p.add("hosterName", "is required for a TIERCE server (R3.2: the client's hoster)");
        }
        if (r.infrastructure() == Infrastructure.PROGERANCE && hoster != null) {
            p.add("hosterName", "must be empty for a PROGERANCE server (R3.1: the provider hosts it)");
        }
        if (contract != null && p.isClean("name", name)) {
            servers.findByContract_IdAndName(contract.getId(), name)
                    .filter(o -> !Objects.equals(o.getId(), server.getId()))
                    .ifPresent(o -> p.add("name", "is already the name of server " + o.getId() + " of this contract"));
        }
        p.throwIfAny();
        refuseIfTerminated(contract);
        Instant now = now();
        server.update(name, address, r.sshPort() == null ? 22 : r.sshPort(), r.sshUser(), fingerprint,
                r.infrastructure(), hoster, url, r.installPath(), r.databaseName(), now);
        server.updateShopCheck(r.shopExpectedStatus(), keyword, now);
        server.updateAdminDirectory(Text.clean(r.adminDirectory()), now);
    }

    private static void refuseIfTerminated(Contract contract) {
        if (contract.getStatus().isFinal()) {
            throw new ConflictException("Contract " + contract.getReference()
                    + " is TERMINATED: its servers no longer change", List.of(new FieldProblem("contractId",
                            "contract " + contract.getId() + " is TERMINATED")));
        }
    }

    Server server(Long id) {
        return servers.findById(id).orElseThrow(() -> new NotFoundException("Server", id));
    }

    /** The database keeps microseconds: the answer shows the same instant a later GET will. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
