import Testing
import Templating

@Suite struct TemplateParserTests {
    @Test func reportsUnclosedTag() {
        let error = loadError(["page": "<p>\n  {{ name </p>\n"])
        #expect(error?.description == "page:2:3: unclosed tag")
    }

    @Test func reportsUnclosedTagBeforeTheNextTag() {
        // Without the check the first tag would swallow the second into a bogus name.
        let error = loadError(["page": "{{ a </p>\n<p>{{ b }}</p>"])
        #expect(error?.description == "page:1:1: unclosed tag")
    }

    @Test func reportsUnclosedTripleMustache() {
        let error = loadError(["page": "x {{{ html }}"])
        #expect(error?.description == "page:1:3: unclosed tag")
    }

    @Test func reportsUnclosedSectionAtItsOpeningTag() {
        let error = loadError(["page": "<ul>\n  <li>{{# claims }}{{ id }}</li>\n</ul>\n"])
        #expect(error?.description == "page:2:7: unclosed section 'claims'")
    }

    @Test func reportsMismatchedClose() {
        let error = loadError(["page": "{{#a}}\n{{#b}}\n  {{/a}}\n{{/b}}"])
        #expect(error?.description == "page:3:3: mismatched close 'a', expected 'b'")
    }

    @Test func reportsUnexpectedClose() {
        let error = loadError(["page": "ok\nstill ok {{/ claims }}"])
        #expect(error?.description == "page:2:10: unexpected close 'claims'")
    }

    @Test(arguments: ["{{ }}", "{{#}}", "{{^ }}", "{{/}}", "{{>}}", "{{{ }}}"])
    func reportsEmptyName(tag: String) {
        let error = loadError(["page": "ab\ncd \(tag)"])
        #expect(error?.description == "page:2:4: empty name")
    }

    @Test(arguments: ["{{ a..b }}", "{{ .a }}", "{{ a b }}", "{{& a }}"])
    func reportsInvalidName(tag: String) {
        let error = loadError(["page": tag])
        #expect(error?.line == 1)
        #expect(error?.column == 1)
        #expect(error?.message.hasPrefix("invalid name") == true)
    }

    @Test func reportsUnknownPartialAtLoad() {
        let error = loadError(["page": "<nav>\n\t{{> partials/nav }}\n</nav>"])
        #expect(error?.description == "page:2:2: unknown partial 'partials/nav'")
    }

    @Test func countsColumnsInCharactersNotBytes() {
        let error = loadError(["page": "Zoë 👩‍👩‍👧 {{/x}}"])
        #expect(error?.description == "page:1:7: unexpected close 'x'")
    }

    @Test func standaloneTagsLeaveNoBlankLines() throws {
        let source = """
            <ul>
              {{# items }}
              <li>{{ . }}</li>
              {{/ items }}
              {{^ items }}
              <li>none</li>
              {{/ items }}
              {{! a comment on its own line }}
            </ul>
            """
        #expect(try render(source, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>")
        #expect(try render(source, ["items": []]) == "<ul>\n  <li>none</li>\n</ul>")
    }

    @Test func standaloneHandlesCRLF() throws {
        #expect(try render("a\r\n{{#f}}\r\nb\r\n{{/f}}\r\nc", ["f": true]) == "a\r\nb\r\nc")
    }

    @Test func standalonePartialLineIsReplacedByThePartial() throws {
        let output = try render("<body>\n  {{> nav }}\n</body>", partials: ["nav": "<nav></nav>\n"])
        #expect(output == "<body>\n<nav></nav>\n</body>")
    }

    @Test func inlineTagsKeepTheirSurroundings() throws {
        #expect(try render("a {{#f}}b{{/f}} c\n", ["f": true]) == "a b c\n")
        #expect(try render("  {{ x }}  \n", ["x": "v"]) == "  v  \n")
    }

    @Test func commentsRenderNothing() throws {
        #expect(try render("a{{! ignore <me> }}b") == "ab")
    }

    @Test func singleLetterTIsAVariableNotAMessage() throws {
        #expect(try render("{{t}} {{ title }}", ["t": "x", "title": "y"]) == "x y")
    }
}
