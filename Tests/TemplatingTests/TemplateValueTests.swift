import Testing
import Templating

@Suite struct TemplateValueTests {
    @Test func literalsBuildTheMatchingCases() {
        let value: TemplateValue = ["name": "Ada", "age": 36, "admin": true, "tags": ["a", "b"]]
        #expect(value == .object([
            "name": .string("Ada"), "age": .int(36), "admin": .bool(true),
            "tags": .list([.string("a"), .string("b")]),
        ]))
    }

    @Test func optionalsBecomeNull() {
        #expect(TemplateValue(String?.none) == .null)
        #expect(TemplateValue(Int?.none) == .null)
        #expect(TemplateValue(String?.some("x")) == "x")
        #expect(TemplateValue(Int?.some(3)) == 3)
    }

    @Test func subscriptReadsObjectMembersOnly() {
        let value: TemplateValue = ["a": 1]
        #expect(value["a"] == 1)
        #expect(value["b"] == nil)
        #expect(TemplateValue.string("a")["a"] == nil)
    }
}
