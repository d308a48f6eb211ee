import Testing
import Templating

@Suite struct TemplateSetTests {
    let messages = ["claims.title": "Claims & payments", "nav.home": "Home"]

    @Test func messagesComeFromTheLocalizerEscaped() throws {
        let output = try render("<h1>{{t claims.title }}</h1>", messages: messages)
        #expect(output == "<h1>Claims &amp; payments</h1>")
    }

    @Test func missingMessageFailsWithItsPosition() {
        #expect(throws: TemplateError(file: "page", line: 2, column: 5, message: "missing message 'claims.nope'")) {
            try render("<h1>\n    {{t claims.nope }}</h1>", messages: messages)
        }
    }

    @Test func messageKeysCoverAllTemplates() throws {
        let set = try TemplateSet(templates: [
            "a": "{{t nav.home }} {{# x }}{{t claims.title }}{{/ x }}",
            "b": "{{t nav.home }}{{ t.not.a.message }}",
        ])
        #expect(set.messageKeys() == ["nav.home", "claims.title"])
    }

    @Test func namesAreSorted() throws {
        let set = try TemplateSet(templates: ["login": "", "claims/index": "", "partials/nav": ""])
        #expect(set.names == ["claims/index", "login", "partials/nav"])
    }

    @Test func layoutWrapsThePage() throws {
        let set = try TemplateSet(templates: [
            "layout": "<title>{{ title }}</title><main>{{{ content }}}</main>",
            "page": "<p>{{ body }}</p>",
        ])
        let output = try set.render("page", ["title": "A & B", "body": "<x>"], layout: "layout", localizer: { _ in nil })
        #expect(output == "<title>A &amp; B</title><main><p>&lt;x&gt;</p></main>")
    }

    @Test func layoutContentIsEscapedUnlessRaw() throws {
        let set = try TemplateSet(templates: ["layout": "{{ content }}", "page": "<p>"])
        #expect(try set.render("page", [:], layout: "layout", localizer: { _ in nil }) == "&lt;p&gt;")
    }

    @Test func unknownTemplateFailsToRender() throws {
        let set = try TemplateSet(templates: ["page": "x"])
        #expect(throws: TemplateError(file: "nope", line: 0, column: 0, message: "unknown template 'nope'")) {
            try set.render("nope", [:], localizer: { _ in nil })
        }
        #expect(throws: TemplateError.self) {
            try set.render("page", [:], layout: "nope", localizer: { _ in nil })
        }
    }

    @Test func setIsSendableAcrossTasks() async throws {
        let set = try TemplateSet(templates: ["page": "{{ n }}"])
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for n in 0..<4 {
                group.addTask { try set.render("page", ["n": .int(n)], localizer: { _ in nil }) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.sorted() == ["0", "1", "2", "3"])
    }
}
