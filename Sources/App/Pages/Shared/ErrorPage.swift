import Templating

/// Every error the service answers with a page: what happened, and the way back.
struct ErrorPage: Page {
    static let template = "error"
    var title: String
    var status: Int
    var message: String
    var signedIn: Bool
    /// For a 500: what to quote when asking for help; the log line carries it too.
    var reference: String?

    static let fields: TemplateFields<Self> = [
        .number("status", \.status), .text("message", \.message), .flag("signedIn", \.signedIn),
        .optional("reference", \.reference),
    ]
}
