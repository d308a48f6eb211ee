import Foundation

/// One e-mail with a plain-text and an HTML version of the same body.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var textBody: String
    /// Empty sends a plain-text message only.
    public var htmlBody: String
    /// Such as "<outbox-42.1767225600@cpor.localhost>". The caller chooses it so a retried
    /// delivery carries the same ID and recipients' clients can drop the duplicate.
    public var messageID: String
    public var date: Date
    /// Extra header fields in order, such as ("X-CPOR-Claim", "C-1001"). Fields the message
    /// writes itself (Date, From, To, Subject, Message-ID, MIME-Version, Content-*) are ignored here.
    public var headers: [(String, String)]

    public init(
        from: MailAddress,
        to: [MailAddress],
        subject: String,
        textBody: String,
        htmlBody: String = "",
        messageID: String,
        date: Date,
        headers: [(String, String)] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.messageID = messageID
        self.date = date
        self.headers = headers
    }

    public static func == (lhs: MailMessage, rhs: MailMessage) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.subject == rhs.subject
            && lhs.textBody == rhs.textBody && lhs.htmlBody == rhs.htmlBody
            && lhs.messageID == rhs.messageID && lhs.date == rhs.date
            && lhs.headers.elementsEqual(rhs.headers) { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}
