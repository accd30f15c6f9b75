package fr.progerance.ops.billing.statement;

/** How a bank statement was delivered. */
public enum StatementFormat {
    /** ISO 20022 BankToCustomerStatement (camt.053.001.02 and later), what French banks deliver. */
    CAMT053,
    /** The engine's own CSV ({@link CsvStatementParser}), for banks that export nothing better. */
    CSV
}
