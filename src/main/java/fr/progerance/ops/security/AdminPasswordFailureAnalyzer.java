package fr.progerance.ops.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing-password refusal as a readable start-up failure, not a stack trace. */
public class AdminPasswordFailureAnalyzer
        extends AbstractFailureAnalyzer<AdminPasswordCheck.MissingAdminPasswordException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AdminPasswordCheck.MissingAdminPasswordException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Example: OPS_ADMIN_USERNAME=admin OPS_ADMIN_PASSWORD='a long secret' java -jar target/ops-engine.jar",
                cause);
    }
}
