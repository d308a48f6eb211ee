import Claims
import Storage
import Templating

/// The organization's security events for its global admins, newest first, a page at a time.
struct AuditPage: Page {
    static let template = "users/audit"
    static let pageSize = 50
    var title: String
    var events: [Event]
    /// The next (older) page, when there is one.
    var older: String?
    /// Back to the newest events, when this is not the first page.
    var newest: String?

    struct Event: Templated {
        var when: String
        var what: String
        var outcome: String
        var tone: String
        var actor: String
        var subject: String
        var address: String
        var detail: String

        static let fields: TemplateFields<Self> = [
            .text("when", \.when), .text("what", \.what), .text("outcome", \.outcome), .text("tone", \.tone),
            .text("actor", \.actor), .text("subject", \.subject), .text("address", \.address), .text("detail", \.detail),
        ]
    }

    static let fields: TemplateFields<Self> = [
        .list("events", \.events), .flag("empty", { $0.events.isEmpty }), .optional("older", \.older),
        .optional("newest", \.newest), .flag("hasPages", { $0.older != nil || $0.newest != nil }),
        .text("users", { _ in Route.organizationUsers().href }),
    ]

    /// `events` as read (one more than a page tells that there is an older page); `names` by user id.
    init(events: [AuditEvent], names: [String: String], isFirstPage: Bool, localizer l: Localizer) {
        title = l("audit.title")
        let shown = events.prefix(Self.pageSize)
        self.events = shown.map { event in
            func name(_ id: Int64?) -> String { id.map { names[String($0)] ?? "#\($0)" } ?? "—" }
            let detail: String = switch event.kind {
            case .roleChanged, .userCreated: Role(rawValue: event.detail).map { l($0.messageKey) } ?? event.detail
            // A code ("throttled") reads in words; a path ("POST /claims/new") as it is.
            default: l.lookup("audit.detail.\(event.detail)") ?? event.detail
            }
            let tone = switch event.outcome {
            case .success: "ok"
            case .failure: "warn"
            case .refused: "bad"
            }
            return Event(when: l.dates.dateTime(event.at), what: l("audit.kind.\(event.kind.rawValue)"),
                         outcome: l("audit.outcome.\(event.outcome.rawValue)"),
                         tone: tone, actor: name(event.actorID), subject: name(event.subjectID),
                         address: event.clientAddress.isEmpty ? "—" : event.clientAddress, detail: detail)
        }
        older = events.count > Self.pageSize ? shown.last?.id.map { Route.organizationAudit(before: $0).href } : nil
        newest = isFirstPage ? nil : Route.organizationAudit().href
    }
}
