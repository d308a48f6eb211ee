import Testing
import Templating

@Suite struct TemplateSetCompilingTests {
    @Test func nameThatIsNotAFieldFailsWithItsPosition() {
        let error = compileError(["pages/a.html": "<main>\n  <h1>\n    {{ titel }}</h1>\n</main>"], "pages/a.html", for: Page.self)
        #expect(error?.description == "pages/a.html:3:5: 'titel' is not a field of Page")
    }

    @Test func nameMissingFromEveryScopeListsThemInnermostFirst() {
        let error = compileError(["page": "{{# rows }}{{# children }}\n{{ titel }}{{/ children }}{{/ rows }}"], for: Page.self)
        #expect(error?.description == "page:2:1: 'titel' is not a field of Row or Page")
    }

    @Test func sectionOverANameThatIsNotAFieldFails() {
        let error = compileError(["page": "ok\n{{^ ownr }}x{{/ ownr }}"], for: Page.self)
        #expect(error?.description == "page:2:1: 'ownr' is not a field of Page")
    }

    @Test(arguments: [
        ("{{ admin }}", "'admin' is a flag, so it can only open a section: {{# admin }}"),
        ("{{{ rows }}}", "'rows' is a list of Row, so it can only open a section: {{# rows }}"),
        ("{{ tags }}", "'tags' is a list of strings, so it can only open a section: {{# tags }}"),
        ("{{ owner }}", "'owner' is an object (Person), so it can only open a section: {{# owner }}"),
        ("{{ owner.address }}", "'owner.address' is an object (Address), so it can only open a section: {{# owner.address }}"),
    ])
    func fieldsWithoutAPrintedFormCannotBePrinted(tag: String, message: String) {
        let error = compileError(["page": "<p>\n  \(tag)</p>"], for: Page.self)
        #expect(error?.description == "page:2:3: \(message)")
    }

    @Test func dotOutsideAListOfStringsFails() {
        #expect(compileError(["page": "x {{ . }}"], for: Page.self)?.description
            == "page:1:3: '.' is only the current item inside a list of strings; here it is Page")
        #expect(compileError(["page": "{{# rows }}{{ . }}{{/ rows }}"], for: Page.self)?.description
            == "page:1:12: '.' is only the current item inside a list of strings; here it is Row")
        // A flag section keeps the scope, so the dot is still the page, not the title.
        #expect(compileError(["page": "{{# title }}{{ . }}{{/ title }}"], for: Page.self)?.description
            == "page:1:13: '.' is only the current item inside a list of strings; here it is Page")
    }

    @Test(arguments: [
        ("{{ title.length }}", "'title.length': 'title' is text, not an object"),
        ("{{# rows.name }}{{/ rows.name }}", "'rows.name': 'rows' is a list of Row, not an object"),
        ("{{ owner.address.city.name }}", "'owner.address.city.name': 'owner.address.city' is text, not an object"),
    ])
    func dotIntoSomethingThatIsNotAnObjectFails(tag: String, message: String) {
        #expect(compileError(["page": tag], for: Page.self)?.description == "page:1:1: \(message)")
    }

    @Test func dottedNameThatIsNotAFieldOfTheObjectFails() {
        #expect(compileError(["page": "{{ owner.adress.city }}"], for: Page.self)?.description
            == "page:1:1: 'adress' is not a field of Person")
        #expect(compileError(["page": "{{ owner.address.town }}"], for: Page.self)?.description
            == "page:1:1: 'town' is not a field of Address")
    }

    @Test func missingMessageFailsAtCompileWithItsPosition() {
        let error = compileError(["page": "<h1>\n    {{t claims.nope }}</h1>"], for: Page.self, messages: ["claims.title": "Claims"])
        #expect(error?.description == "page:2:5: missing message 'claims.nope'")
    }

    @Test func errorsInsideAPartialNameThePartial() {
        let error = compileError(["page": "{{# rows }}{{> row }}{{/ rows }}", "row": "<tr>\n  <td>{{ amont }}</td>"], for: Page.self)
        #expect(error?.description == "row:2:7: 'amont' is not a field of Row or Page")
    }

    @Test func unknownPartialsAndTemplatesFail() {
        // A set with an unknown partial cannot be built, so compiling never meets one.
        #expect(loadError(["page": "{{> nope }}"])?.description == "page:1:1: unknown partial 'nope'")
        #expect(compileError(["page": ""], "nope", for: Page.self)?.description == "nope: unknown template 'nope'")
    }

    @Test func partialThatIncludesItselfFails() {
        // Inlining follows the template, not the data, so this could never finish.
        let error = compileError(
            ["page": "{{# rows }}\n  {{> node }}{{/ rows }}", "node": "{{ name }}{{# children }}{{> node }}{{/ children }}"],
            for: Page.self)
        #expect(error?.description == "node:1:26: partial 'node' includes itself")
    }

    @Test func partialsNestedTooDeepFail() {
        var templates = ["page": "{{> p0 }}", "p70": "end"]
        for level in 0..<70 {
            templates["p\(level)"] = "{{> p\(level + 1) }}"
        }
        #expect(compileError(templates, for: Page.self)?.description == "p63:1:1: partial 'p64' nested deeper than 64 levels")
    }

    @Test func nameDeclaredTwiceFailsWhereItIsUsed() throws {
        struct Twice: Templated {
            static let fields: TemplateFields<Twice> = [.text("a") { _ in "1" }, .number("a") { _ in 2 }, .text("b") { _ in "3" }]
        }
        #expect(try renderCompiled(["page": "{{ b }}"], Twice()) == "3")
        #expect(compileError(["page": "{{ b }}{{ a }}"], for: Twice.self)?.description
            == "page:1:8: 'a' is declared more than once in Twice")
    }
}
