import Foundation
import Storage
import Templating

/// The signed-in user's own account: where they are signed in, with a way to end any of those
/// sessions, and the way to change their password.
struct AccountPage: Page {
    static let template = "account/index"
    var title: String
    var notice: String?
    /// "Sessions end after 30 minutes without activity and 12 hours after signing in."
    var timeouts: String
    var sessions: [Row]

    struct Row: Templated {
        var created: String
        var lastActive: String
        var address: String
        var client: String
        var isCurrent: Bool
        var endAction: String

        static let fields: TemplateFields<Self> = [
            .text("created", \.created), .text("lastActive", \.lastActive), .text("address", \.address),
            .text("client", \.client), .flag("isCurrent", \.isCurrent), .text("endAction", \.endAction),
        ]
    }

    static let fields: TemplateFields<Self> = [
        .optional("notice", \.notice), .text("timeouts", \.timeouts), .list("sessions", \.sessions),
        .text("passwordAction", { _ in Route.accountPassword.href }),
    ]

    init(sessions: [SessionRecord], current: Int64?, timeouts: SessionTimeouts, notice: AccountNotice?, localizer l: Localizer) {
        title = l("account.title")
        self.notice = notice.map { l($0.messageKey) }
        self.timeouts = l("account.sessions.timeouts", ["idle": l.dates.number(Int(timeouts.idle / 60)),
                                                         "absolute": l.dates.number(Int(timeouts.absolute / 3600))])
        self.sessions = sessions.map { session in
            let agent = UserAgentSummary(session.userAgent)
            let client = switch (agent.browser, agent.system) {
            case let (browser?, system?): l("account.sessions.browser_on_system", ["browser": browser, "system": system])
            case let (browser?, nil): browser
            case let (nil, system?): system
            case (nil, nil): l("account.sessions.unknown_browser")
            }
            return Row(created: l.dates.dateTime(session.createdAt), lastActive: l.dates.dateTime(session.lastActiveAt),
                       address: session.clientAddress.isEmpty ? "—" : session.clientAddress, client: client,
                       isCurrent: session.id == current, endAction: Route.accountSession(session.id).href)
        }
    }
}
