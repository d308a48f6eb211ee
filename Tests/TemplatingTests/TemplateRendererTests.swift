import Testing
import Templating

@Suite struct TemplateRendererTests {
    @Test func substitutionIsEscaped() throws {
        #expect(try render("<p>{{ name }}</p>", ["name": "<b>Tom & 'Jerry'</b>"])
            == "<p>&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;</p>")
    }

    @Test func attributeValuesCannotBeBrokenOutOf() throws {
        let output = try render(
            #"<input value="{{ v }}" title='{{ v }}'>"#, ["v": #"x" onmouseover="alert(1)' y='"#])
        #expect(output == #"<input value="x&quot; onmouseover=&quot;alert(1)&#39; y=&#39;" "#
            + #"title='x&quot; onmouseover=&quot;alert(1)&#39; y=&#39;'>"#)
    }

    @Test func tripleMustacheIsRaw() throws {
        #expect(try render("{{{ html }}}", ["html": "<em>&amp;</em>"]) == "<em>&amp;</em>")
    }

    @Test func scalarsRender() throws {
        #expect(try render("{{ n }} {{ yes }} {{ no }} [{{ none }}]", ["n": -42, "yes": true, "no": false, "none": .null])
            == "-42 true false []")
    }

    @Test func missingVariableIsEmpty() throws {
        #expect(try render("[{{ missing }}][{{ a.missing }}][{{{ missing }}}]", ["a": [:]]) == "[][][]")
    }

    @Test func dottedNamesReachIntoObjects() throws {
        let context: TemplateValue = ["claim": ["owner": ["name": "Ada"]]]
        #expect(try render("{{ claim.owner.name }}", context) == "Ada")
    }

    @Test func dottedNameThroughAScalarIsMissing() throws {
        #expect(try render("[{{ a.b }}]", ["a": "text"]) == "[]")
    }

    @Test func outerVariablesAreVisibleInsideLoops() throws {
        let context: TemplateValue = ["currency": "EUR", "rows": [["amount": 1], ["amount": 2, "currency": "USD"]]]
        #expect(try render("{{# rows }}{{ amount }} {{ currency }};{{/ rows }}", context) == "1 EUR;2 USD;")
    }

    @Test func dotIsTheCurrentItem() throws {
        #expect(try render("{{# tags }}<{{ . }}>{{/ tags }}", ["tags": ["a&b", "c"]]) == "<a&amp;b><c>")
    }

    @Test func listsRenderOncePerItem() throws {
        #expect(try render("{{# items }}[{{ name }}]{{/ items }}", ["items": [["name": "x"], ["name": "y"]]]) == "[x][y]")
    }

    @Test func nestedLoops() throws {
        let context: TemplateValue = ["groups": [["name": "a", "items": [1, 2]], ["name": "b", "items": [3]]]]
        #expect(try render("{{#groups}}{{name}}:{{#items}}{{.}}{{name}} {{/items}}{{/groups}}", context)
            == "a:1a 2a b:3b ")
    }

    @Test func objectsArePushedOnce() throws {
        #expect(try render("{{# user }}{{ name }}{{/ user }}", ["user": ["name": "Ada"]]) == "Ada")
    }

    @Test(arguments: [
        (TemplateValue.bool(true), "yes"), (.string("x"), "yes"), (.int(3), "yes"), (.object([:]), "yes"),
        (.bool(false), ""), (.string(""), ""), (.int(0), ""), (.list([]), ""), (.null, ""),
    ])
    func sectionTruthiness(value: TemplateValue, expected: String) throws {
        #expect(try render("{{# flag }}yes{{/ flag }}", ["flag": value]) == expected)
        #expect(try render("{{^ flag }}yes{{/ flag }}", ["flag": value]) == (expected.isEmpty ? "yes" : ""))
    }

    @Test func flagSectionKeepsTheContext() throws {
        #expect(try render("{{# title }}<h1>{{ title }}</h1>{{/ title }}", ["title": "Claims"]) == "<h1>Claims</h1>")
    }

    @Test func missingSectionRendersNothingAndInvertedRenders() throws {
        #expect(try render("{{# nope }}x{{/ nope }}{{^ nope }}empty{{/ nope }}") == "empty")
    }

    @Test func partialsUseTheCurrentContext() throws {
        let output = try render(
            "<ul>{{# claims }}{{> claims/row }}{{/ claims }}</ul>",
            ["claims": [["id": 1], ["id": 2]], "prefix": "#"],
            partials: ["claims/row": "<li>{{ prefix }}{{ id }}</li>"])
        #expect(output == "<ul><li>#1</li><li>#2</li></ul>")
    }

    @Test func partialsNest() throws {
        let output = try render("{{> a }}", ["x": "v"], partials: ["a": "a({{> b }})", "b": "b{{ x }}"])
        #expect(output == "a(bv)")
    }

    @Test func recursivePartialsFollowTheData() throws {
        let tree: TemplateValue = ["name": "root", "children": [["name": "leaf", "children": []]]]
        let output = try render("{{> node }}", tree, partials: ["node": "({{ name }}{{# children }}{{> node }}{{/ children }})"])
        #expect(output == "(root(leaf))")
    }

    @Test func endlessPartialRecursionFails() {
        #expect(throws: TemplateError.self) {
            try render("{{> loop }}", partials: ["loop": "x{{> loop }}"])
        }
    }

    @Test func unicodePassesThroughIntact() throws {
        let output = try render("Zoë — {{ name }} {{{ raw }}} ✓", ["name": "日本語 👩‍👩‍👧", "raw": "Ωμέγα"])
        #expect(output == "Zoë — 日本語 👩‍👩‍👧 Ωμέγα ✓")
    }
}
