package fr.progerance.ops;

import fr.progerance.ops.calendar.CalendarProperties;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.JschRemoteExecutor;
import fr.progerance.ops.remote.RemoteExecutor;
import fr.progerance.ops.remote.SshTarget;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.community.process_test_coverage.core.model.DefaultCollector;
import org.camunda.community.process_test_coverage.core.model.Run;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.engine.platform7.ExecutionContextModelProvider;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessEngineAdapter;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the shared Spring test context replaces at the ports (DESIGN rule 10): the clock, which
 * tests move ({@link MovableClock}), and the remote executor, which stays the real one unless a flow
 * test switches to a scripted fake. Also the process-coverage listeners, whose gate applies to the
 * flow test classes only.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestPeers {

    @Bean
    @Primary
    MovableClock movableClock(CalendarProperties settings) {
        return new MovableClock(settings.getZone());
    }

    @Bean
    @Primary
    SwitchableRemote switchableRemote(JschRemoteExecutor real) {
        return new SwitchableRemote(real);
    }

    /**
     * The coverage extension's parse listeners on the shared engine. Flow test classes collect with
     * them (their listener installs its own collector); until then, and for every other test class,
     * a sink collector takes the events, since the listeners refuse to run without one.
     */
    @Bean
    AbstractProcessEnginePlugin processCoveragePlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
            }

            @Override
            public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine engine) {
                DefaultCollector sink = new DefaultCollector(new ExecutionContextModelProvider());
                sink.createSuite(new Suite("not-measured", "Tests without a coverage gate"));
                sink.activateSuite("not-measured");
                sink.createRun(new Run("not-measured", "not measured"), "not-measured");
                sink.activateRun("not-measured");
                new ProcessEngineAdapter(engine, sink).initializeListeners();
            }
        };
    }

    /** Every flow test class must cover its process entirely: every flow node and sequence flow. */
    @Bean
    ProcessEngineCoverageProperties processCoverageProperties() {
        return ProcessEngineCoverageProperties.builder()
                .addInclusionPatternForTestClasses("*FlowTest")
                .assertClassCoverageAtLeast(1.0)
                .build();
    }

    /** The real executor, or a test's fake while that test runs. */
    public static final class SwitchableRemote implements RemoteExecutor {

        private final RemoteExecutor real;
        private volatile RemoteExecutor fake;

        SwitchableRemote(RemoteExecutor real) {
            this.real = real;
        }

        public void use(RemoteExecutor fake) {
            this.fake = fake;
        }

        public void useReal() {
            this.fake = null;
        }

        @Override
        public CommandResult run(SshTarget target, CommandTemplate template, String... args) {
            RemoteExecutor f = fake;
            return (f != null ? f : real).run(target, template, args);
        }
    }
}
