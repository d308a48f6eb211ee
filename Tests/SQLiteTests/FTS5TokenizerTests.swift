import Testing
@testable import SQLite
import TestSupport

/// FTS5's own tokenizers, reached through its extension API: the tokens an index would store.
@Suite struct FTS5TokenizerTests {
    func tokens(_ text: String, _ tokenizer: FTS5Tokenizer, first count: Int = .max) throws -> [String] {
        var tokens: [String] = []
        try tokenizer.tokenize(text) { token in
            tokens.append(String(decoding: token, as: UTF8.self))
            return tokens.count < count
        }
        return tokens
    }

    @Test func theTrigramTokenizerFoldsCaseAndSlidesOneCharacterAtATime() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            let trigram = try connection.fts5Tokenizer("trigram")
            #expect(try tokens("AbÇd€", trigram) == ["abç", "bçd", "çd€"])
            #expect(try tokens("ab", trigram).isEmpty)
            #expect(try tokens("abcdef", trigram, first: 2) == ["abc", "bcd"])
            #expect(try connection.fts5Tokenizer("trigram") === trigram, "kept for the connection's next use")
            let caseSensitive = try connection.fts5Tokenizer("trigram", arguments: ["case_sensitive", "1"])
            #expect(try tokens("ABcd", caseSensitive) == ["ABc", "Bcd"])
        }
    }

    @Test func anUnknownTokenizerIsAnError() throws {
        try TemporaryDatabase.withPath { path in
            let connection = try Connection(path: path)
            #expect(throws: SQLiteError.self) { try connection.fts5Tokenizer("no-such-tokenizer") }
            #expect(throws: SQLiteError.self) { try connection.fts5Tokenizer("trigram", arguments: ["case_sensitive", "2"]) }
        }
    }
}
