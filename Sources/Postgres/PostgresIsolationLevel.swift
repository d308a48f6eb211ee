/// How much a transaction sees of others running at the same time (PostgreSQL's manual, "Transaction Isolation").
public enum PostgresIsolationLevel: String, Sendable {
    /// PostgreSQL's default: each statement sees what was committed before it began.
    case readCommitted = "READ COMMITTED"
    /// Every statement sees the snapshot taken at the transaction's first statement; writing a row that another
    /// transaction changed since fails with `serializationFailure`.
    case repeatableRead = "REPEATABLE READ"
    /// As if the transactions ran one after another; any that could not have fails with `serializationFailure`.
    case serializable = "SERIALIZABLE"
}
