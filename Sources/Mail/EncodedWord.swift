import Foundation

/// RFC 2047 encoded words, the only way to put non-ASCII text in a header.
enum EncodedWord {
    /// 42 bytes make 56 base64 characters, so a word is 68 characters long and fits a folded
    /// line with room for a short header name ("Subject: " plus a word stays within 78).
    static let maximumBytesPerWord = 42

    /// `text` as "=?utf-8?B?…?=" words. Words split between Unicode scalars, never inside one,
    /// because each word must decode to whole characters on its own.
    static func encode(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > maximumBytesPerWord {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?utf-8?B?\(Data(bytes).base64EncodedString())?="
    }
}
