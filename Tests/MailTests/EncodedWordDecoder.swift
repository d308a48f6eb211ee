import Foundation

/// Reads a header value the way a mail client shows it: "=?utf-8?B?…?=" words decoded, and
/// the space between two adjacent encoded words dropped (RFC 2047 §6.2).
enum EncodedWordDecoder {
    static func decode(_ value: String) -> String {
        var output = ""
        var previousWasEncoded = false
        for (index, token) in value.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let decoded = decodeWord(String(token))
            if index > 0 && !(previousWasEncoded && decoded != nil) { output += " " }
            output += decoded ?? String(token)
            previousWasEncoded = decoded != nil
        }
        return output
    }

    private static func decodeWord(_ token: String) -> String? {
        let prefix = "=?utf-8?b?"
        guard token.lowercased().hasPrefix(prefix), token.hasSuffix("?="), token.count >= prefix.count + 2 else { return nil }
        let payload = token.dropFirst(prefix.count).dropLast(2)
        guard let data = Data(base64Encoded: String(payload)) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
