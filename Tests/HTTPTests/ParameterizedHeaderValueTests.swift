import Testing
@testable import HTTP

@Suite struct ParameterizedHeaderValueTests {
    @Test func parsesTokensAndQuotedStrings() throws {
        let value = try #require(ParameterizedHeaderValue("Form-Data ; NAME=\"a;b\" ;; filename=\"x \\\"y\\\" \\\\ z\"; flag; size = 12 "))
        #expect(value.value == "form-data")
        #expect(value.parameters.map(\.name) == ["name", "filename", "flag", "size"])
        #expect(value["name"] == "a;b")
        #expect(value["filename"] == "x \"y\" \\ z")
        #expect(value["flag"] == "")
        #expect(value["size"] == "12")
        #expect(value["missing"] == nil)
    }

    @Test func keepsBackslashesThatEscapeNothing() {
        #expect(ParameterizedHeaderValue("form-data; filename=\"C:\\docs\\a.pdf\"")?["filename"] == "C:\\docs\\a.pdf")
    }

    @Test func refusesUnclosedQuotesAndNamelessParameters() {
        #expect(ParameterizedHeaderValue("form-data; name=\"a") == nil)
        #expect(ParameterizedHeaderValue("form-data; =a") == nil)
    }
}
