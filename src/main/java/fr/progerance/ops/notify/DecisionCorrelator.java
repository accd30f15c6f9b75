package fr.progerance.ops.notify;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The only class of {@code notify} that talks to the engine: delivers a decision's answer to the
 * process instance as a message, with the variables {@code decisionId}, {@code decisionApproved}
 * and {@code decisionChannel} (prefixed when the decision says so). Runs inside the caller's
 * transaction, so a refused correlation rolls the status change back.
 */
@Component
public class DecisionCorrelator {

    private final RuntimeService runtimeService;

    public DecisionCorrelator(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    /** Whether the decision's process instance currently waits for its message. */
    boolean waiting(ClientDecision decision) {
        return runtimeService.createExecutionQuery()
                .processInstanceId(decision.getProcessInstanceId())
                .messageEventSubscriptionName(decision.getMessageName())
                .count() > 0;
    }

    /**
     * Correlates the answered {@code decision}.
     *
     * @throws DecisionNotDeliveredException when the process no longer waits for the message, or
     *     was changed concurrently (optimistic locking); the caller rolls back
     */
    void correlate(ClientDecision decision) {
        if (!decision.getStatus().answered()) {
            throw new IllegalStateException("Only an answered decision is correlated: " + decision);
        }
        if (!waiting(decision)) {
            // Checked first so that the usual case does not go through an engine exception.
            throw new DecisionNotDeliveredException("Process instance " + decision.getProcessInstanceId()
                    + " no longer waits for " + decision.getMessageName(), false, null);
        }
        try {
            runtimeService.createMessageCorrelation(decision.getMessageName())
                    .processInstanceId(decision.getProcessInstanceId())
                    .setVariable(decision.variableName(ClientDecisions.VAR_DECISION_ID), decision.getId())
                    .setVariable(decision.variableName(ClientDecisions.VAR_APPROVED),
                            decision.getStatus() == DecisionStatus.APPROVED)
                    .setVariable(decision.variableName(ClientDecisions.VAR_CHANNEL), decision.getAnswerChannel().name())
                    .correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            throw new DecisionNotDeliveredException("Process instance " + decision.getProcessInstanceId()
                    + " no longer waits for " + decision.getMessageName(), false, e);
        } catch (OptimisticLockingException e) {
            throw new DecisionNotDeliveredException("Process instance " + decision.getProcessInstanceId()
                    + " changed concurrently", true, e);
        }
    }
}
