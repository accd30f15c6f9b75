package fr.progerance.ops.update.process;

import fr.progerance.ops.quote.QuoteApprovalProcess;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.community.process_test_coverage.core.model.DefaultCollector;
import org.camunda.community.process_test_coverage.engine.platform7.ExecutionContextModelProvider;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessEngineAdapter;
import org.camunda.community.process_test_coverage.spring_test.common.BaseProcessEngineCoverageTestExecutionListener;
import org.springframework.test.context.TestContext;

/**
 * The coverage gate of the update flow tests (the shared properties: every flow test class covers its
 * processes entirely), as {@code ProcessEngineCoverageTestExecutionListener} does, except that only
 * the processes the class names in {@link MeasuredProcesses} are measured: the processes they call
 * ({@code QuoteApproval}; {@code ApplyUpdate}, stood in until helper D's is merged; their own
 * callees) have their own flow tests. Built like {@code billing.MonthlyInvoicingCoverage}: the library's own
 * listener still runs beside it, sees no events (this one takes the engine's coverage listeners after
 * it) and only warns.
 */
public class UpdateFlowCoverage extends BaseProcessEngineCoverageTestExecutionListener {

    private final DefaultCollector collector = new DefaultCollector(new ExecutionContextModelProvider());

    @Override
    protected DefaultCollector getCoverageCollector() {
        return collector;
    }

    @Override
    protected boolean isTestClassExcluded(TestContext context) {
        return super.isTestClassExcluded(context)
                || context.getApplicationContext().getBeanNamesForType(ProcessEngine.class).length == 0;
    }

    @Override
    public void beforeTestClass(TestContext context) {
        super.beforeTestClass(context);
        if (!isTestClassExcluded(context)) {
            MeasuredProcesses measured = context.getTestClass().getAnnotation(MeasuredProcesses.class);
            if (measured == null) {
                throw new IllegalStateException(context.getTestClass().getSimpleName() + " names no @MeasuredProcesses");
            }
            ProcessEngine engine = context.getApplicationContext().getBean(ProcessEngine.class);
            // The called processes (ApplyUpdate's stand-in is deployed after this) have their own flow tests.
            Set<String> excluded = new TreeSet<>(Set.of(QuoteApprovalProcess.KEY, CalledProcesses.APPLY_UPDATE));
            for (ProcessDefinition d : engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()) {
                excluded.add(d.getKey());
            }
            excluded.removeAll(Set.of(measured.value()));
            collector.setExcludedProcessDefinitionKeys(java.util.List.copyOf(excluded));
            attach(context);
        }
    }

    /** Takes the engine's coverage listeners again before each test method (see MonthlyInvoicingCoverage). */
    @Override
    public void beforeTestMethod(TestContext context) {
        super.beforeTestMethod(context);
        if (!isTestClassExcluded(context)) {
            attach(context);
        }
    }

    private void attach(TestContext context) {
        new ProcessEngineAdapter(context.getApplicationContext().getBean(ProcessEngine.class), collector)
                .initializeListeners();
    }
}
