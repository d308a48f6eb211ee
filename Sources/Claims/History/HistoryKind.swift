/// The kinds of history entry, for filtering and for the store's column.
public enum HistoryKind: String, CaseIterable, Codable, Sendable, MessageKeyed {
    case created = "created"
    case stateChange = "state_change"
    case fieldChange = "field_change"
    case upload = "upload"
    case comment = "comment"
    case email = "email"
    case timer = "timer"
    case assignment = "assignment"
    case conflict = "conflict"
    case directory = "directory"
    case replacedBy = "replaced_by"
    case replaced = "replaced"

    public var messageKey: String { "history.\(rawValue)" }
}
