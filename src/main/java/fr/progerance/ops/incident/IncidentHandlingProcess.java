package fr.progerance.ops.incident;

/**
 * The {@code IncidentHandling} process (processes/incident/IncidentHandling.bpmn): its key,
 * element ids, message names and variable names. Delegates, forms, correlators and tests use
 * these constants, never string literals (rules R4.1, R4.2, R4.3-*, R3.5, RD-extra, R6.8-b).
 */
public final class IncidentHandlingProcess {

    public static final String KEY = "IncidentHandling";
    public static final String RESOURCE = "processes/incident/IncidentHandling.bpmn";

    /** Element ids, in the order of the flow. */
    public static final class Elements {
        public static final String START = "StartEvent_IncidentReported";
        public static final String REGISTER = "Task_RegisterIncident";
        public static final String GATEWAY_DUPLICATE = "Gateway_AlreadyOpen";
        public static final String END_ATTACHED = "EndEvent_AttachedToOpenIncident";
        public static final String GATEWAY_OUT_OF_HOURS = "Gateway_TierceOutOfHours";
        public static final String NOTIFY_OUT_OF_HOURS = "Task_NotifyClientOutOfHours";
        public static final String RECORD_AGREEMENT = "Task_RecordClientAgreement";
        public static final String GATEWAY_ACT_NOW = "Gateway_ClientAgreesToActNow";
        public static final String TIMER_NEXT_OPENING = "Event_NextBusinessOpening";
        public static final String TIMER_OPENED_WHILE_WAITING = "Event_BusinessHoursOpenedWhileWaiting";
        public static final String JOIN_CLOCKS = "Gateway_StartClocks";
        public static final String START_CLOCKS = "Task_StartSlaClocks";
        public static final String SPLIT_WORK = "Gateway_StartWork";
        /** R9: force majeure declared before the clocks started; the new deadline timers are held. */
        public static final String GATEWAY_CLOCKS_HELD = "Gateway_ClocksHeldByForceMajeure";
        public static final String HOLD_CLOCKS = "Task_HoldSlaClocks";
        public static final String END_CLOCKS_HELD = "EndEvent_ClocksHeld";
        public static final String END_CLOCKS_RUNNING = "EndEvent_ClocksRunning";
        public static final String DIAGNOSE = "Task_DiagnoseServer";
        public static final String END_DIAGNOSIS = "EndEvent_DiagnosisRecorded";
        public static final String GATEWAY_GTR = "Gateway_RestorationGuaranteed";
        public static final String TIMER_RESTORATION = "Event_RestorationDeadline";
        public static final String ESCALATE_RESTORATION = "Task_EscalateRestorationBreach";
        public static final String END_RESTORATION_ESCALATED = "EndEvent_RestorationEscalated";
        public static final String END_BEST_EFFORT = "EndEvent_RestorationBestEffort";
        public static final String TAKE_CHARGE = "Task_TakeCharge";
        public static final String TIMER_INTERVENTION = "Event_InterventionDeadline";
        public static final String ESCALATE_INTERVENTION = "Task_EscalateInterventionBreach";
        public static final String END_INTERVENTION_ESCALATED = "EndEvent_InterventionEscalated";
        public static final String RECORD_INTERVENTION = "Task_RecordIntervention";
        public static final String GATEWAY_HOSTER = "Gateway_HosterIncident";
        public static final String NOTIFY_HOSTER = "Task_NotifyHoster";
        public static final String COORDINATE_HOSTER = "Task_CoordinateWithHoster";
        /** R4.2, DESIGN rule 12: the hoster is reminded while the coordination lasts. */
        public static final String TIMER_HOSTER_REMINDER = "Event_HosterFollowUpDue";
        public static final String REMIND_HOSTER = "Task_RemindHoster";
        public static final String END_HOSTER_REMINDED = "EndEvent_HosterReminded";
        public static final String GATEWAY_COMPLEMENTARY = "Gateway_ComplementaryWorkRequested";
        /**
         * RD-extra, R3.5: the shared {@code QuoteApproval} process (fr.progerance.ops.quote) prepares,
         * sends, reminds and expires the complementary-work quote; subject {@code incident:<number>}.
         */
        public static final String CALL_QUOTE_APPROVAL = "CallActivity_QuoteApproval";
        /** DESIGN rule 11: the decided quote, read from its record, into the incident's timeline. */
        public static final String READ_QUOTE_OUTCOME = "Task_ReadQuoteOutcome";
        public static final String GATEWAY_QUOTE_APPROVED = "Gateway_QuoteApproved";
        public static final String CHOOSE_REMEDIATION = "Task_ChooseRemediation";
        public static final String GATEWAY_REMEDIATION = "Gateway_RemediationAction";
        public static final String RUN_REMEDIATION = "Task_RunRemediation";
        public static final String CLIENT_DECISION = "SubProcess_ClientDecision";
        public static final String DECISION_START = "StartEvent_DecisionNeeded";
        public static final String PREPARE_DECISION = "Task_PrepareClientDecision";
        public static final String ASK_CONTACT = "Task_AskContact";
        public static final String CALL_CONTACT = "Task_CallContact";
        public static final String MESSAGE_DECISION_ANSWERED = "Event_ClientAnsweredByLink";
        public static final String TIMER_ACKNOWLEDGEMENT = "Event_AcknowledgementTimeout";
        public static final String RECORD_ANSWER = "Task_RecordClientAnswer";
        public static final String RECORD_NO_ANSWER = "Task_RecordNoAnswer";
        public static final String GATEWAY_ANSWERED = "Gateway_ClientAnswered";
        public static final String GATEWAY_MORE_CONTACTS = "Gateway_MoreContacts";
        public static final String GATEWAY_PROCEDURE = "Gateway_EmergencyProcedureApplies";
        public static final String APPLY_PROCEDURE = "Task_ApplyEmergencyProcedure";
        public static final String RESTRICT_ACTIONS = "Task_RestrictToNonImpactingActions";
        public static final String DECISION_END = "EndEvent_DecisionMade";
        public static final String GATEWAY_DECISION_OUTCOME = "Gateway_DecisionAllowsAction";
        public static final String CARRY_OUT_ACTION = "Task_CarryOutDecidedAction";
        public static final String JOIN_CHECK = "Gateway_CheckService";
        public static final String CHECK_SERVICE = "Task_CheckServiceAnswers";
        public static final String CONFIRM_RESTORATION = "Task_ConfirmRestoration";
        public static final String GATEWAY_RESTORED = "Gateway_Restored";
        /** R4.2: a TIERCE hardware or network incident not restored goes back to the hoster. */
        public static final String GATEWAY_NOT_RESTORED_ROUTE = "Gateway_NotRestoredRoute";
        public static final String CLOSE = "Task_CloseIncident";
        public static final String SEND_REPORT = "Task_SendIncidentReport";
        public static final String END_CLOSED = "EndEvent_IncidentClosed";
        // R9: force majeure, an event subprocess that may start at any time while the incident is open
        public static final String FORCE_MAJEURE = "SubProcess_ForceMajeure";
        public static final String FORCE_MAJEURE_START = "StartEvent_ForceMajeureDeclared";
        public static final String SUSPEND_CLOCKS = "Task_SuspendSlaClocks";
        public static final String LIFT_FORCE_MAJEURE = "Task_LiftForceMajeure";
        public static final String RESUME_CLOCKS = "Task_ResumeSlaClocks";
        public static final String REACTIVATE_TIMERS = "Task_ReactivateSlaTimers";
        public static final String END_FORCE_MAJEURE = "EndEvent_ForceMajeureLifted";
        // Monitoring saw the server answer again (monitoring/detect), an event subprocess that does not
        // interrupt the incident: the recovery goes on the timeline; ops still confirm the restoration.
        public static final String MONITORING_RECOVERY = "SubProcess_MonitoringRecovery";
        public static final String MONITORING_RECOVERED_START = "StartEvent_MonitoringRecovered";
        public static final String RECORD_MONITORED_RECOVERY = "Task_RecordMonitoredRecovery";
        public static final String END_MONITORING_RECOVERY = "EndEvent_MonitoredRecoveryRecorded";

        private Elements() {
        }
    }

    /** Message names (correlated by process instance). */
    public static final class Messages {
        /** A client answered a signed decision link (notify's correlator). */
        public static final String CLIENT_DECISION = "Message_ClientDecision";
        /** R9: managers declared force majeure on the incident (POST /api/incidents/{n}/force-majeure). */
        public static final String FORCE_MAJEURE = "Message_ForceMajeureDeclared";
        /**
         * Monitoring saw the server answer again after the failure that opened or joined the incident
         * (monitoring/detect, by business key = incident number); local variable
         * {@link Vars#MONITORED_RECOVERY_AT}.
         */
        public static final String MONITORING_RECOVERED = "Message_MonitoringRecovered";

        private Messages() {
        }
    }

    /**
     * Variable names: ids, decisions and deadlines only (no secrets, no payloads). Two kinds: the
     * inputs of a task's form, which only that task's completion may write (the engine's
     * {@code OwnedVariablesGuard} refuses any other), and the values delegates and listeners write.
     * What the contract turns on (the client's answers and agreement, the restriction of R4.3-t5 (3),
     * the confirmation of restoration) is read from the incident and decision records; the routing
     * variables below are copies written by the code that wrote the record (DESIGN rule 11).
     */
    public static final class Vars {
        // Start (API by business key, or Tasklist start form)
        public static final String INCIDENT_NUMBER = "incidentNumber";
        public static final String SERVER_ID = "serverId";
        public static final String CATEGORY = "category";
        public static final String LEVEL = "level";
        public static final String SUMMARY = "summary";
        public static final String SOURCE = "source";
        public static final String DETECTED_AT = "detectedAt";
        /** camunda:initiator of the start event: the authenticated user who started the instance. */
        public static final String REPORTED_BY = "reportedBy";
        // Register
        public static final String DUPLICATE = "attachedToOpenIncident";
        public static final String INFRASTRUCTURE = "infrastructure";
        public static final String SERVER_NAME = "serverName";
        public static final String CLIENT_NAME = "clientName";
        public static final String NEEDS_CLIENT_AGREEMENT = "needsClientAgreement";
        public static final String NEXT_BUSINESS_OPENING = "nextBusinessOpening";
        // Out-of-hours TIERCE (R4.3-t2)
        /** Input of Task_RecordClientAgreement. */
        public static final String CLIENT_AGREES_NOW = "clientAgreesToActNow";
        /** From the incident record: the client agreed to act now (Gateway_ClientAgreesToActNow). */
        public static final String ACT_NOW_AGREED = "actNowAgreed";
        // Clocks
        public static final String SLA_RULE = "slaRule";
        public static final String SLA_GUARANTEED = "slaGuaranteed";
        public static final String INTERVENTION_DUE = "interventionDue";
        public static final String RESTORATION_DUE = "restorationDue";
        public static final String RESTORATION_GUARANTEED = "restorationGuaranteed";
        /** R9: the clocks started under force majeure; their timers are held until it is lifted. */
        public static final String CLOCKS_HELD = "clocksHeldByForceMajeure";
        // Diagnosis
        public static final String DIAGNOSIS = "diagnosis";
        public static final String SERVER_REACHABLE = "serverReachable";
        // Take charge
        public static final String CAUSE_CATEGORY = "causeCategory";
        public static final String TAKE_CHARGE_NOTES = "takeChargeNotes";
        public static final String ROUTE_TO_HOSTER = "routeToHoster";
        // TIERCE hardware/network (R4.2, R3.5, RD-extra)
        /** Input of Task_CoordinateWithHoster, recorded in the timeline. */
        public static final String HOSTER_NOTES = "hosterNotes";
        /** How many reminders the hoster got: part of each reminder's idempotency key. */
        public static final String HOSTER_REMINDERS_SENT = "hosterRemindersSent";
        public static final String COMPLEMENTARY_WORK_REQUESTED = "complementaryWorkRequested";
        /** Out of CallActivity_QuoteApproval: the quote record's id (QuoteApprovalProcess.Vars.QUOTE_ID). */
        public static final String QUOTE_ID = "quoteId";
        /** Copies of the decided quote record, shown on the carrying-out form. */
        public static final String QUOTE_NUMBER = "quoteNumber";
        public static final String QUOTE_AMOUNT = "quoteAmountExclTax";
        public static final String QUOTE_DESCRIPTION = "quoteDescription";
        /** From the quote record (Gateway_QuoteApproved). */
        public static final String QUOTE_APPROVED = "quoteApproved";
        // Remediation
        public static final String REMEDIATION_ACTION = "remediationAction";
        public static final String SERVICE_NAME = "serviceName";
        public static final String DECISION_ACTION = "decisionAction";
        public static final String DECISION_DESCRIPTION = "decisionDescription";
        public static final String ESTIMATED_COST = "estimatedCostExclTax";
        /** Shown on the remediation form; the validator reads the restriction from the incident record. */
        public static final String IMPACTING_ACTIONS_ALLOWED = "impactingActionsAllowed";
        /** The completed Task_ChooseRemediation: the operation key of the remote action it asked for. */
        public static final String REMEDIATION_CHOICE = "remediationChoiceTaskId";
        public static final String REMEDIATION_RESULT = "remediationResult";
        public static final String ACTION_NOTES = "actionNotes";
        // Client decision (R4.3-t3 to t5)
        public static final String EMERGENCY_READY = "emergencyReady";
        public static final String READINESS_GAPS = "readinessGaps";
        public static final String CONTACT_COUNT = "decisionContactCount";
        public static final String CONTACT_INDEX = "decisionContactIndex";
        public static final String DECISION_ROUND = "decisionRound";
        public static final String ACKNOWLEDGEMENT_DUE = "acknowledgementDue";
        public static final String CURRENT_CONTACT = "currentContact";
        /** R4.3-t4: whether the contact being asked may authorise (only then is there a decision link). */
        public static final String CONTACT_MAY_DECIDE = "currentContactMayDecide";
        public static final String PHONE_OUTCOME = "phoneOutcome";
        /** The decision record of the contact being asked; null for a contact who may not authorise. */
        public static final String DECISION_ID = "decisionId";
        /** From the decision record (Gateway_ClientAnswered). */
        public static final String CLIENT_ANSWERED = "clientAnswered";
        public static final String PROCEDURE_APPLIES = "emergencyProcedureApplies";
        public static final String DECISION_OUTCOME = "decisionOutcome";
        public static final String DECISION_REASON = "decisionReason";
        // Restoration
        public static final String SERVICE_ANSWERS = "serviceAnswers";
        public static final String SERVICE_CHECK = "serviceCheck";
        /** Input of Task_ConfirmRestoration. */
        public static final String RESTORED = "restored";
        /** From the incident record: ops confirmed the restoration (Gateway_Restored). */
        public static final String RESTORATION_CONFIRMED = "restorationConfirmed";
        public static final String RESTORATION_NOTES = "restorationNotes";
        // Force majeure (R9)
        public static final String FORCE_MAJEURE_REASON = "forceMajeureReason";
        public static final String FORCE_MAJEURE_SINCE = "forceMajeureSince";
        public static final String FORCE_MAJEURE_TERMINATION_FROM = "forceMajeureTerminationFrom";
        public static final String FORCE_MAJEURE_NOTES = "forceMajeureNotes";
        // Monitoring recovery (local to SubProcess_MonitoringRecovery)
        /** When monitoring saw the server answer again: its first healthy check (a Date). */
        public static final String MONITORED_RECOVERY_AT = "monitoredRecoveryAt";

        private Vars() {
        }
    }

    /**
     * The quote steps of version 1 of the model (camunda:versionTag 1), before IncidentHandling called
     * the shared {@code QuoteApproval}: its own Task_PrepareQuote ... Task_RecordQuoteAnswer. Instances
     * of version 1 already in these steps keep running on that version (Camunda runs each instance
     * on the definition it started with), with the delegates of {@code Version1QuoteDelegates}, the
     * forms {@code incident-prepare-quote} and {@code incident-follow-up-quote} kept by their
     * deployment, and the {@code ops.incident.quote-*} settings. Nothing new starts them.
     */
    public static final class Version1 {
        public static final String PREPARE_QUOTE = "Task_PrepareQuote";
        public static final String SEND_QUOTE = "Task_SendQuoteForApproval";
        public static final String FOLLOW_UP_QUOTE = "Task_FollowUpQuote";
        public static final String MESSAGE_QUOTE_ANSWERED = "Event_QuoteAnswered";
        public static final String TIMER_QUOTE_REMINDER = "Event_QuoteReminderDue";
        public static final String REMIND_QUOTE = "Task_RemindClientOfQuote";
        public static final String END_QUOTE_REMINDED = "EndEvent_QuoteReminded";
        public static final String TIMER_QUOTE_EXPIRED = "Event_QuoteExpired";
        public static final String EXPIRE_QUOTE = "Task_ExpireQuote";
        public static final String RECORD_QUOTE_ANSWER = "Task_RecordQuoteAnswer";
        /** A client answered the complementary-work quote by its signed link. */
        public static final String QUOTE_DECISION = "Message_QuoteDecision";
        /** Input of Task_FollowUpQuote. */
        public static final String QUOTE_PHONE_ANSWER = "quotePhoneAnswer";
        /** The quote's decision record, and when its link expires (the expiry timer). */
        public static final String QUOTE_DECISION_ID = "quoteDecisionId";
        public static final String QUOTE_EXPIRES_AT = "quoteExpiresAt";
        /** How many reminders the client got: part of each reminder's idempotency key. */
        public static final String QUOTE_REMINDERS_SENT = "quoteRemindersSent";

        private Version1() {
        }
    }

    /** What ops may pick in {@link Elements#CHOOSE_REMEDIATION}. */
    public enum RemediationAction {
        /** Restart one allowed service (a command template, no free text). */
        RESTART_SERVICE,
        /** Reboot the server: has an impact on the infrastructure (R4.3-t5). */
        REBOOT_SERVER,
        /** An action that needs the client's decision (R4.3-t3: new server, migration...). */
        CLIENT_DECISION,
        /** Nothing to run: the service recovered or the cause is elsewhere. */
        NO_ACTION
    }

    /** What ops log after calling a contact (Task_CallContact). */
    public enum PhoneOutcome {
        APPROVE, DECLINE, NO_ANSWER
    }

    /** How the client-decision subprocess ended (R4.3-t3 to t5). */
    public enum DecisionOutcome {
        CLIENT_APPROVED, CLIENT_DECLINED, EMERGENCY_PROCEDURE, NON_IMPACTING_ONLY
    }

    private IncidentHandlingProcess() {
    }
}
