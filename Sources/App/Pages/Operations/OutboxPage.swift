import Templating

/// Demo only, for reviewers: what the service has e-mailed, with the links each message carries.
struct OutboxPage: Page {
    static let template = "consent/outbox"
    var title: String
    var messages: [Message]
    /// The folder `.eml` copies are written to, when there is no SMTP server.
    var folder: String

    struct Message: Templated {
        var id: Int
        var kind: String
        var subject: String
        var recipient: String
        /// Nil for an account's e-mail (a set-password link).
        var claim: String?
        var status: String
        var tone: String
        var attempts: Int
        var lastError: String?
        var created: String
        var sent: String?
        var links: [String]

        static let fields: TemplateFields<Self> = [
            .number("id", \.id), .text("kind", \.kind), .text("subject", \.subject), .text("recipient", \.recipient),
            .optional("claim", \.claim), .text("status", \.status), .text("tone", \.tone), .number("attempts", \.attempts),
            .optional("lastError", \.lastError), .text("created", \.created), .optional("sent", \.sent),
            .strings("links", \.links), .flag("hasLinks", { !$0.links.isEmpty }),
        ]
    }

    static let fields: TemplateFields<Self> = [
        .list("messages", \.messages), .flag("empty", { $0.messages.isEmpty }), .text("folder", \.folder),
    ]
}
