package fr.progerance.ops.engine;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the connection budget refusal as a readable start-up failure, not a stack trace. */
public class ConnectionBudgetFailureAnalyzer extends AbstractFailureAnalyzer<ConnectionBudgetCheck.ConnectionBudgetException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConnectionBudgetCheck.ConnectionBudgetException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Example: SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=16 with CAMUNDA_BPM_JOBEXECUTION_MAXPOOLSIZE=10 and "
                        + "OPS_DATABASE_WEBRESERVE=5 (see the budget in application.yaml). On PostgreSQL, every node "
                        + "opens up to that many connections: keep their sum below max_connections.",
                cause);
    }
}
