package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.billing.dunning.InvoiceDunningProcess;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.community.process_test_coverage.core.model.DefaultCollector;
import org.camunda.community.process_test_coverage.engine.platform7.ExecutionContextModelProvider;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessEngineAdapter;
import org.camunda.community.process_test_coverage.spring_test.common.BaseProcessEngineCoverageTestExecutionListener;
import org.springframework.test.context.TestContext;

/**
 * The coverage gate of {@code AvailabilityPenaltiesFlowTest} (the shared properties: every flow test
 * class covers its processes entirely), as {@code ProcessEngineCoverageTestExecutionListener} does,
 * except that the {@code InvoiceDunning} instances the issued invoices start are not measured here:
 * that process has its own flow test, and this class only issues the invoices whose payment caps the penalty (R5.2) and the next invoice that deducts the credit note. Only the listener class
 * differs; the engine, the properties and the gate are the shared ones. (The library's own listener,
 * registered for every test class by its spring.factories, still runs beside it: it sees no events
 * here, since this one takes the engine's coverage listeners after it, and only warns.)
 */
public class AvailabilityPenaltiesCoverage extends BaseProcessEngineCoverageTestExecutionListener {

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
            collector.setExcludedProcessDefinitionKeys(List.of(InvoiceDunningProcess.KEY));
            attach(context);
        }
    }

    /**
     * Takes the engine's coverage listeners again before each test method: the library's listener
     * has the same order and may have taken them after this one in {@link #beforeTestClass}; it does
     * not take them before test methods.
     */
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
