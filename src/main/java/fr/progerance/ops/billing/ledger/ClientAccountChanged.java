package fr.progerance.ops.billing.ledger;

/** Published in the transaction that moved a client's account (suspended, reactivated, deleted). */
public record ClientAccountChanged(long clientId) {
}
