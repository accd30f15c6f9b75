/**
 * Level-1 surveillance and the availability promise (R4.1, R4.2, R4.4-p, R4.4-t, R4.4-c, R5.2,
 * R3.7, R5.7, R9): probes ({@code probe}), confirmation of failures into {@code IncidentHandling}
 * and recovery ({@code detect}), planned windows ({@code windows}), the availability ledger and the
 * penalties paid as credit notes ({@code availability}).
 */
package fr.progerance.ops.monitoring;
