/// The orders the dashboard offers, each backed by an index on (organization, key, number)
/// (migration 3), so keyset pagination never sorts in memory.
public enum DashboardSort: String, CaseIterable, Sendable {
    case updated
    case id
    case name
    case customer
    case tenant
    case solutionArea = "area"
    case activity
    case state
    case deadline

    /// The SQL the rows are ordered by; it must read exactly like the matching index's expression.
    var expression: String {
        switch self {
        case .updated: "updated_at"
        case .id: "number"
        case .name: "name COLLATE NOCASE"
        case .customer: "customer_name COLLATE NOCASE"
        case .tenant: "coalesce(tenant_id, '')"
        case .solutionArea: "coalesce(solution_area, '')"
        case .activity: "coalesce(activity, '')"
        case .state: "state"
        case .deadline: "coalesce(deadline_at, 9223372036854775807)"
        }
    }

    /// Integer keys must be bound as integers: SQLite orders every integer before every text.
    var isNumeric: Bool { [.updated, .id, .deadline].contains(self) }
}
