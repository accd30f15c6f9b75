package fr.progerance.ops.update.process;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.version.InvalidVersionException;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.UpdateClassifier;
import fr.progerance.ops.update.version.UpdateKind;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * R4.0-c, DESIGN rule 12: whether UpdateWatch may propose a major update (a quote) to a server. Not
 * while the client's last refusal of the same major line is recent: a quote declined or left to
 * expire (its update NOT_DONE, read from the record) within {@code ops.update.processes.major-proposal-interval}.
 * The MajorUpdate instances that ended within that time are found in the engine's history by their
 * {@code serverId} variable; what they decided is read from their update records.
 */
@Component
public class MajorProposals {

    private final HistoryService history;
    private final Updates updates;
    private final ContractClock clock;
    private final UpdateProcessSettings settings;

    public MajorProposals(HistoryService history, Updates updates, ContractClock clock, UpdateProcessSettings settings) {
        this.history = history;
        this.updates = updates;
        this.clock = clock;
        this.settings = settings;
    }

    /** The recent refusal of {@code target}'s major line by the client of {@code serverId}, if any. */
    public Optional<UpdateView> recentRefusal(long serverId, PrestaShopVersion target) {
        Date since = Date.from(clock.periodBeforeNow(settings.getProcesses().getMajorProposalInterval()));
        for (HistoricProcessInstance pi : history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(MajorUpdateProcess.KEY).variableValueEquals(UpdateVariables.SERVER_ID, serverId)
                .finishedAfter(since).list()) {
            Optional<UpdateView> refused = updateOf(pi).filter(u -> u.status() == UpdateStatus.NOT_DONE)
                    .filter(u -> sameMajorLine(u.toVersion(), target));
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private Optional<UpdateView> updateOf(HistoricProcessInstance pi) {
        String key = pi.getBusinessKey();
        if (key == null || !key.matches("update:[0-9]{1,18}")) {
            return Optional.empty();
        }
        return updates.find(Long.parseLong(key.substring("update:".length())));
    }

    /** {@code target} is no newer major than the refused one (9.0.0 refused: 9.0.1 is the same proposal). */
    private static boolean sameMajorLine(String refused, PrestaShopVersion target) {
        try {
            return UpdateClassifier.classify(PrestaShopVersion.parse(refused), target) != UpdateKind.MAJOR;
        } catch (InvalidVersionException e) {
            return false;
        }
    }
}
