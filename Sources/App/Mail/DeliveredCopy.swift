import Foundation
import Mail

/// The .eml file the file transport wrote for a message, read back for the demo outbox listing:
/// once a consent or set-password e-mail is sent, the database no longer holds its token, but the
/// copy in the data folder — the demo's mailbox — still shows the link its recipient got.
enum DeliveredCopy {
    /// The links to this service in the copy of `message` under `folder`; empty when there is none.
    static func links(of message: MailMessage, in folder: String, linkPrefix: String = "/consent/") -> [String] {
        let path = folder + "/" + FileTransport.fileName(for: message)
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let text = unfoldQuotedPrintable(String(decoding: data, as: UTF8.self))
        var links: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
        where word.hasPrefix("http") && word.contains(linkPrefix) && !links.contains(String(word)) {
            links.append(String(word))
        }
        return links
    }

    /// Joins soft line breaks ("=\r\n") and decodes "=XX" escapes, enough to find URLs in either part.
    static func unfoldQuotedPrintable(_ text: String) -> String {
        let joined = text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=\n", with: "")
        var bytes: [UInt8] = []
        var utf8 = Array(joined.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "="), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
