#if Postgres
import Postgres

/// The parameters of a statement built from parts (filters that may or may not apply): each
/// value bound gives back its placeholder, so the SQL and its parameters cannot fall out of step.
struct BoundParameters {
    private(set) var values: [(any PostgresBindable)?] = []

    /// Appends `value` and returns its placeholder (`$1`, `$2`, …).
    mutating func bind(_ value: (any PostgresBindable)?) -> String {
        values.append(value)
        return "$\(values.count)"
    }
}
#endif
