/**
 * Detection (R4.1, R4.2 N1 surveillance; R4.4-p, R4.4-t; R3.7): turns the probes' rounds into
 * confirmed failures and recoveries. {@link fr.progerance.ops.monitoring.detect.ServerWatch} holds the
 * plain rules (N consecutive failed rounds confirm a check's failure; flapping holds reports; planned
 * windows suppress them); {@link fr.progerance.ops.monitoring.detect.FailureDetection} applies them:
 * incidents through {@code incident.IncidentIntake} with the time of the first failed check, outages in
 * the availability ledger, the recovery correlated to the incident's {@code IncidentHandling}
 * ({@code Message_MonitoringRecovered}), one automatic restart of a restartable service, and the R3.7
 * warning mail before the database connection quota is reached.
 */
package fr.progerance.ops.monitoring.detect;
