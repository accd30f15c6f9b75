package fr.progerance.ops.incident;

/** An incident is open until ops confirm the restoration and the process closes it. */
public enum IncidentStatus {
    OPEN, CLOSED
}
