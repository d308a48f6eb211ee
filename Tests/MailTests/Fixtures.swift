import Foundation
import Mail

/// A claim notification like the ones the outbox sends.
func sampleMessage(
    subject: String = "Claim C-1001 needs your review",
    textBody: String = "Hello,\nclaim C-1001 was filed.\n",
    htmlBody: String = "<p>Hello,</p><p>claim C-1001 was filed.</p>",
    to: [MailAddress] = [MailAddress(address: "reviewer@reviewers.example", name: "Rita Reviewer")]
) -> MailMessage {
    MailMessage(
        from: MailAddress(address: "noreply@cpor.example", name: "CPOR"),
        to: to,
        subject: subject,
        textBody: textBody,
        htmlBody: htmlBody,
        messageID: "<outbox-42.1767225600@cpor.localhost>",
        date: Date(timeIntervalSince1970: 1_767_225_600),  // 2026-01-01 00:00:00 UTC
        headers: [("X-CPOR-Claim", "C-1001")]
    )
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}
