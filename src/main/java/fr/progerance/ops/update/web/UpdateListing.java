package fr.progerance.ops.update.web;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.process.MajorUpdateProcess;
import fr.progerance.ops.update.process.MinorUpdateProcess;
import fr.progerance.ops.update.process.UpdateProcessSettings;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The updates {@code GET /api/updates} lists: every open one ({@link Updates#open}), and those whose
 * MinorUpdate or MajorUpdate ended within {@code ops.update.processes.recent}, found by their
 * instances' business keys {@code update:<id>} and read from their records. Also which process
 * instance carries an update.
 */
@Component
public class UpdateListing {

    private final Updates updates;
    private final HistoryService history;
    private final ContractClock clock;
    private final UpdateProcessSettings settings;

    public UpdateListing(Updates updates, HistoryService history, ContractClock clock, UpdateProcessSettings settings) {
        this.updates = updates;
        this.history = history;
        this.clock = clock;
        this.settings = settings;
    }

    /** Open updates first (oldest due first), then the recently finished ones, newest first. */
    public List<UpdateView> openAndRecent() {
        Map<Long, UpdateView> found = new LinkedHashMap<>();
        updates.open().forEach(u -> found.put(u.id(), u));
        Date since = Date.from(clock.periodBeforeNow(settings.getProcesses().getRecent()));
        for (String key : List.of(MinorUpdateProcess.KEY, MajorUpdateProcess.KEY)) {
            history.createHistoricProcessInstanceQuery().processDefinitionKey(key).finishedAfter(since).list().stream()
                    .map(UpdateListing::updateId).flatMap(Optional::stream).filter(id -> !found.containsKey(id))
                    .map(updates::find).flatMap(Optional::stream).sorted(Comparator.comparing(UpdateView::id).reversed())
                    .forEach(u -> found.put(u.id(), u));
        }
        return List.copyOf(found.values());
    }

    /** The process instance of the update (running or finished), if any. */
    public Optional<HistoricProcessInstance> process(UpdateView u) {
        String key = u.kind().needsQuote() ? MajorUpdateProcess.KEY : MinorUpdateProcess.KEY;
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
                .processInstanceBusinessKey("update:" + u.id()).orderByProcessInstanceStartTime().desc().list()
                .stream().findFirst();
    }

    private static Optional<Long> updateId(HistoricProcessInstance pi) {
        String key = pi.getBusinessKey();
        return key != null && key.matches("update:[0-9]{1,18}")
                ? Optional.of(Long.parseLong(key.substring("update:".length()))) : Optional.empty();
    }
}
