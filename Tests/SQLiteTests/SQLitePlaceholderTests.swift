import Testing
@testable import SQLite

@Test func sqlitePlaceholder() { #expect(Bool(true)) }
