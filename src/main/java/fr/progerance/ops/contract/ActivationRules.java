package fr.progerance.ops.contract;

import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.web.FieldProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a contract needs before it becomes ACTIVE (from DRAFT, or back from SUSPENDED), all checked
 * at once so that the operator sees every gap:
 * <ul>
 * <li>RD-infra: it covers at least one server; a contract without servers has nothing to operate.</li>
 * <li>R6.7, R4.3-t5: the client has a PRIMARY contact, the first person the provider talks to.</li>
 * <li>R3.4, R6.8-a: every item of every TIERCE server's onboarding checklist is checked.</li>
 * <li>R6.8-a: with a TIERCE server, the client gave a HOSTER_EMERGENCY contact.</li>
 * <li>R3.7: with a PROGERANCE server, the quote's database-connection quota is recorded (monitored
 * against it).</li>
 * </ul>
 * R4.3-t4's emergency elements are <em>not</em> required: without them the contract still runs, the
 * provider only acts after explicit validation (see {@link EmergencyReadiness}).
 */
public final class ActivationRules {

    private ActivationRules() {
    }

    /** The reasons the contract cannot become ACTIVE; empty when it can. */
    public static List<FieldProblem> problems(Contract contract, Collection<Server> servers,
            Collection<Contact> clientContacts) {
        List<FieldProblem> problems = new ArrayList<>();
        if (servers.isEmpty()) {
            problems.add(new FieldProblem("servers", "RD-infra: the contract covers no server yet"));
        }
        if (clientContacts.stream().noneMatch(c -> c.getRole() == ContactRole.PRIMARY)) {
            problems.add(new FieldProblem("contacts", "R6.7: the client has no PRIMARY contact"));
        }
        boolean tierce = servers.stream().anyMatch(s -> s.getInfrastructure() == Infrastructure.TIERCE);
        boolean progerance = servers.stream().anyMatch(s -> s.getInfrastructure() == Infrastructure.PROGERANCE);
        if (tierce && clientContacts.stream().noneMatch(c -> c.getRole() == ContactRole.HOSTER_EMERGENCY)) {
            problems.add(new FieldProblem("contacts",
                    "R6.8-a: the client has no HOSTER_EMERGENCY contact for its TIERCE servers"));
        }
        if (progerance && contract.getDbConnectionQuota() == null) {
            problems.add(new FieldProblem("databaseConnectionQuota",
                    "R3.7: the quote's database-connection quota is required for PROGERANCE servers"));
        }
        for (Server server : servers) {
            List<Prerequisite> unchecked = server.uncheckedPrerequisites();
            if (!unchecked.isEmpty()) {
                problems.add(new FieldProblem("servers[" + server.getId() + "].prerequisites",
                        "R3.4: TIERCE server '" + server.getName() + "' (id " + server.getId()
                                + ") has unchecked prerequisites: "
                                + unchecked.stream().map(Enum::name).collect(Collectors.joining(", "))));
            }
        }
        return problems;
    }
}
