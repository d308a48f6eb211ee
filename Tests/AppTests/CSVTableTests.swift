import Testing
@testable import App

@Suite struct CSVTableTests {
    /// Found by the csv fuzz target: a `"` or `,` or line break followed by a combining mark is one
    /// Character with it, so a claim name could break out of its cell in the export.
    @Test func specialCharactersFollowedByCombiningMarksAreStillQuoted() {
        #expect(CSVTable.cell("a\"\u{35E}b") == "\"a\"\"\u{35E}b\"")
        #expect(CSVTable.cell("a,\u{301}b") == "\"a,\u{301}b\"")
        #expect(CSVTable.cell("a\n\u{301}b") == "\"a\n\u{301}b\"")
        #expect(CSVTable.cell("\"\u{301}") == "\"\"\"\u{301}\"")
        var table = CSVTable(header: ["name", "state"])
        table.append(["x,\u{301}y", "approved"])
        #expect(table.text == "name,state\r\n\"x,\u{301}y\",approved\r\n")
    }
}
