package fr.progerance.ops.billing.dunning;

/** Published when a contest record is written; {@link DunningCorrelator} tells the invoice's dunning after the commit. */
public record ContestRecorded(long contestId, String invoiceNumber, long clientId) {
}
