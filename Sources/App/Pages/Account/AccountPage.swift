import Foundation
import Storage
import Templating

/// The signed-in user's own account: where they are signed in, with a way to end any of those
/// sessions (another than this one once they give their password again), and the way to change
/// their password.
struct AccountPage: Page {
    static let template = "account/index"
    var title: String
    var notice: String?
    /// "Sessions end after 30 minutes without activity and 12 hours after signing in."
    var timeouts: String
    var sessions: [Row]
    /// Asking for the password before ending every other session.
    var confirmingOthers: Bool
    /// Why the password given to end other sessions was refused.
    var othersError: String?

    /// What the page is asking the password for, if anything.
    enum Confirming: Equatable {
        case session(Int64)
        case others
    }

    struct Row: Templated {
        var key: String
        var created: String
        var lastActive: String
        var address: String
        var client: String
        var isCurrent: Bool
        var endAction: String
        /// Asking for the password before ending this session.
        var confirming: Bool
        var error: String?

        static let fields: TemplateFields<Self> = [
            .text("key", \.key), .text("created", \.created), .text("lastActive", \.lastActive), .text("address", \.address),
            .text("client", \.client), .flag("isCurrent", \.isCurrent), .text("endAction", \.endAction),
            .flag("confirming", \.confirming), .optional("error", \.error),
        ]
    }

    static let fields: TemplateFields<Self> = [
        .optional("notice", \.notice), .text("timeouts", \.timeouts), .list("sessions", \.sessions),
        .flag("hasOthers", { $0.sessions.contains { !$0.isCurrent } }), .flag("confirmingOthers", \.confirmingOthers),
        .optional("othersError", \.othersError),
        .text("endOthersAction", { _ in Route.accountSessions.href }), .text("cancel", { _ in Route.account().href }),
        .text("passwordAction", { _ in Route.accountPassword.href }),
    ]

    init(sessions: [SessionRecord], current: Int64?, timeouts: SessionTimeouts, notice: AccountNotice?, localizer l: Localizer,
         confirming: Confirming? = nil, error: String? = nil) {
        title = l("account.title")
        self.notice = notice.map { l($0.messageKey) }
        self.timeouts = l("account.sessions.timeouts", ["idle": l.dates.number(Int(timeouts.idle / 60)),
                                                         "absolute": l.dates.number(Int(timeouts.absolute / 3600))])
        confirmingOthers = confirming == .others
        othersError = confirming == .others ? error : nil
        self.sessions = sessions.map { session in
            let agent = UserAgentSummary(session.userAgent)
            let client = switch (agent.browser, agent.system) {
            case let (browser?, system?): l("account.sessions.browser_on_system", ["browser": browser, "system": system])
            case let (browser?, nil): browser
            case let (nil, system?): system
            case (nil, nil): l("account.sessions.unknown_browser")
            }
            let confirmingThis = confirming == .session(session.id)
            return Row(key: String(session.id), created: l.dates.dateTime(session.createdAt),
                       lastActive: l.dates.dateTime(session.lastActiveAt),
                       address: session.clientAddress.isEmpty ? "—" : session.clientAddress, client: client,
                       isCurrent: session.id == current, endAction: Route.accountSession(session.id).href,
                       confirming: confirmingThis, error: confirmingThis ? error : nil)
        }
    }
}
