#if Postgres
import Storage

/// How the dashboard orders by a `DashboardSort` in PostgreSQL. Each expression reads like its
/// index of migration 3. The cursor carries the row's own value (its name, not its lower case),
/// as SQLite's does, and is folded the same way as the column when compared.
struct DashboardOrder {
    /// What rows are ordered and compared by.
    let expression: String
    /// The value a row's cursor carries.
    let key: String
    /// Integer keys are bound as integers.
    let isNumeric: Bool
    private let foldsCase: Bool

    init(_ sort: DashboardSort) {
        switch sort {
        case .updated: (expression, key, isNumeric, foldsCase) = ("updated_at", "updated_at", true, false)
        case .id: (expression, key, isNumeric, foldsCase) = ("number", "number", true, false)
        case .name: (expression, key, isNumeric, foldsCase) = ("lower(name)", "name", false, true)
        case .customer: (expression, key, isNumeric, foldsCase) = ("lower(customer_name)", "customer_name", false, true)
        case .tenant: (expression, key, isNumeric, foldsCase) = ("coalesce(tenant_id, '')", "coalesce(tenant_id, '')", false, false)
        case .solutionArea:
            (expression, key, isNumeric, foldsCase) = ("coalesce(solution_area, '')", "coalesce(solution_area, '')", false, false)
        case .activity: (expression, key, isNumeric, foldsCase) = ("coalesce(activity, '')", "coalesce(activity, '')", false, false)
        case .state: (expression, key, isNumeric, foldsCase) = ("state", "state", false, false)
        case .deadline:
            let expression = "coalesce(deadline_at, 9223372036854775807)"
            (self.expression, key, isNumeric, foldsCase) = (expression, expression, true, false)
        }
    }

    /// The cursor's key, given its placeholder, as `expression` compares it.
    func cursor(_ placeholder: String) -> String { foldsCase ? "lower(\(placeholder))" : placeholder }
}
#endif
