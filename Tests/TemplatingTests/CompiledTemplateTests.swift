import Testing
import Templating

@Suite struct CompiledTemplateTests {
    /// Renders `source` both ways and checks the compiled output matches the dynamic one.
    private func renderBoth(
        _ source: String, _ page: Page, partials: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        var templates = partials
        templates["page"] = source
        let dynamic = try TemplateSet(templates: templates).render("page", page.value, localizer: { _ in nil })
        let compiled = try renderCompiled(templates, page)
        #expect(compiled == dynamic, sourceLocation: sourceLocation)
        return compiled
    }

    static let rows = [
        Row(name: "Ada", amount: 3, notes: ["a&b", "<c>"], children: [Row(name: "x"), Row(name: "y")]),
        Row(name: "Bob", amount: 0, currency: "USD"),
    ]

    @Test func sectionsAndInvertedSections() throws {
        let source = "{{# title }}<h1>{{ title }}</h1>{{/ title }}{{^ subtitle }}no subtitle{{/ subtitle }}"
            + "{{# admin }}admin{{/ admin }}{{^ admin }}member{{/ admin }}{{# count }}{{ count }} claims{{/ count }}"
        #expect(try renderBoth(source, Page()) == "<h1>Claims</h1>no subtitlemember")
        #expect(try renderBoth(source, Page(subtitle: "s", count: 2, admin: true)) == "<h1>Claims</h1>admin2 claims")
    }

    @Test(arguments: [
        (Page(), "subtitle count admin tags rows owner "),
        (Page(title: "", subtitle: ""), "title subtitle count admin tags rows owner "),
        (Page(subtitle: "s", count: -1, admin: true, tags: ["t"], rows: rows, owner: Person(name: "Ada")), ""),
    ])
    func invertedSectionsWorkOnEveryKind(page: Page, expected: String) throws {
        let source = "{{^ title }}title {{/ title }}{{^ subtitle }}subtitle {{/ subtitle }}{{^ count }}count {{/ count }}"
            + "{{^ admin }}admin {{/ admin }}{{^ tags }}tags {{/ tags }}{{^ rows }}rows {{/ rows }}{{^ owner }}owner {{/ owner }}"
        #expect(try renderBoth(source, page) == expected)
    }

    @Test func nestedListsAndOuterScopeLookup() throws {
        let source = "{{# rows }}{{ name }}:{{ amount }} {{ currency }} {{ title }}[{{# notes }}<{{ . }}>{{/ notes }}]"
            + "({{# children }}{{ name }}/{{ currency }} {{/ children }}){{/ rows }}"
        #expect(try renderBoth(source, Page(rows: Self.rows))
            == "Ada:3  Claims[<a&amp;b><&lt;c&gt;>](x/ y/ )Bob:0 USD Claims[]()")
    }

    @Test func outerNamesAreShadowedLikeMustache() throws {
        // A row without its own currency prints nothing: `currency` is nil in the row, which is
        // found first, exactly as in the dynamic renderer.
        let output = try renderBoth("{{# rows }}{{ name }}={{ currency }};{{/ rows }}", Page(rows: Self.rows))
        #expect(output == "Ada=;Bob=USD;")
    }

    @Test func dottedNames() throws {
        let source = "{{ owner.name }}|{{ owner.email }}|{{ owner.address.city }}|{{# owner.email }}mail{{/ owner.email }}"
            + "{{^ owner.email }}no mail{{/ owner.email }}|{{# owner.address }}{{ city }}{{/ owner.address }}"
        #expect(try renderBoth(source, Page(owner: Person(name: "Zoë <z>", email: "z@x"))) == "Zoë &lt;z&gt;|z@x|Ghent|mail|Ghent")
        #expect(try renderBoth(source, Page(owner: nil)) == "|||no mail|")
    }

    @Test func objectSectionsPutTheObjectInScope() throws {
        let source = "{{# owner }}{{ name }} in {{ address.city }}, {{ title }}{{/ owner }}{{^ owner }}nobody{{/ owner }}"
        #expect(try renderBoth(source, Page(owner: Person(name: "Ada"))) == "Ada in Ghent, Claims")
        #expect(try renderBoth(source, Page()) == "nobody")
    }

    @Test func partialsAreCompiledInTheScopeTheyAreIncludedIn() throws {
        // `named` is included once for the page and once per row: the same source, two models.
        let output = try renderBoth(
            "{{> named }}<ul>{{# rows }}{{> rows/row }}{{/ rows }}</ul>", Page(rows: Self.rows),
            partials: ["rows/row": "<li>{{> named }} {{ amount }}</li>", "named": "{{ currency }}{{^ currency }}-{{/ currency }}:{{ title }}"])
        #expect(output == "EUR:Claims<ul><li>-:Claims 3</li><li>USD:Claims 0</li></ul>")
    }

    @Test func standaloneLinesAreKept() throws {
        let source = """
            <ul>
              {{# tags }}
              <li>{{ . }}</li>
              {{/ tags }}
              {{^ tags }}
              <li>none</li>
              {{/ tags }}
              {{! a comment on its own line }}
              {{> item }}
            </ul>\r
            {{# admin }}\r
            admin\r
            {{/ admin }}\r
            end
            """
        #expect(try renderBoth(source, Page(admin: true, tags: ["a", "b"]), partials: ["item": "<li>{{ title }}</li>\n"])
            == "<ul>\n  <li>a</li>\n  <li>b</li>\n<li>Claims</li>\n</ul>\r\nadmin\r\nend")
        #expect(try renderBoth(source, Page(), partials: ["item": "<li>{{ title }}</li>\n"])
            == "<ul>\n  <li>none</li>\n<li>Claims</li>\n</ul>\r\nend")
    }

    @Test func rawAndEscaped() throws {
        let page = Page(title: "<em>&amp;</em>", subtitle: #"x" onmouseover="alert(1)' y='"#)
        let output = try renderBoth(#"{{{ title }}}|{{ title }}|<input value="{{ subtitle }}">|{{{ subtitle }}}"#, page)
        #expect(output == #"<em>&amp;</em>|&lt;em&gt;&amp;amp;&lt;/em&gt;|<input value="x&quot; onmouseover=&quot;alert(1)&#39; y=&#39;">|x" onmouseover="alert(1)' y='"#)
    }

    @Test func everySpecialCharacterIsEscapedInEveryKindOfField() throws {
        let nasty = #"<a href='x'>"Tom" & Jerry</a>"#
        let escaped = "&lt;a href=&#39;x&#39;&gt;&quot;Tom&quot; &amp; Jerry&lt;/a&gt;"
        let page = Page(title: nasty, subtitle: nasty, tags: [nasty], rows: [Row(name: nasty)], owner: Person(name: nasty, email: nasty))
        let output = try renderBoth(
            "{{ title }}|{{ subtitle }}|{{# tags }}{{ . }}{{/ tags }}|{{# rows }}{{ name }}{{/ rows }}|{{ owner.name }}|{{ owner.email }}", page)
        #expect(output == Array(repeating: escaped, count: 6).joined(separator: "|"))
    }

    @Test func numbersPrintInDecimal() throws {
        #expect(try renderBoth("{{ count }} {{# rows }}{{ amount }} {{/ rows }}", Page(count: -42, rows: [Row(name: "", amount: 7)]))
            == "-42 7 ")
    }

    @Test func messagesAreBakedInPerLocale() throws {
        let set = try TemplateSet(templates: ["page": "<h1>{{t claims.title }}</h1>{{ title }}{{t claims.more }}"])
        let englishMessages = ["claims.title": "Claims & costs", "claims.more": "!"]
        let dutchMessages = ["claims.title": "Dossiers <nl>", "claims.more": "?"]
        let english = try set.compile("page", for: Page.self, messages: { englishMessages[$0] })
        let dutch = try set.compile("page", for: Page.self, messages: { dutchMessages[$0] })
        #expect(String(decoding: english.render(Page(title: "x")), as: UTF8.self) == "<h1>Claims &amp; costs</h1>x!")
        #expect(String(decoding: dutch.render(Page(title: "x")), as: UTF8.self) == "<h1>Dossiers &lt;nl&gt;</h1>x?")
    }

    @Test func renderAppendsToABuffer() throws {
        let compiled = try TemplateSet(templates: ["page": "{{ title }};"]).compile("page", for: Page.self, messages: { _ in nil })
        var output = Array("<!doctype html>".utf8)
        compiled.render(Page(title: "a"), into: &output)
        compiled.render(Page(title: "b"), into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "<!doctype html>a;b;")
    }

    @Test func aCompiledTemplateOwnsItsTextAndSteps() throws {
        // Compiled in a scope of its own: the template set, the source and the compiler's step
        // arrays are gone before it renders, and it renders the same every time.
        func compile() throws -> CompiledTemplate<Page> {
            let source = String(repeating: "literal text & more, ", count: 3)
                + "{{# rows }}<li>{{ name }}{{# children }} [{{ name }}]{{/ children }}</li>{{/ rows }}{{^ tags }}-{{/ tags }}"
                + "{{# owner }}{{ name }}{{/ owner }}"
            return try TemplateSet(templates: ["page": source]).compile("page", for: Page.self, messages: { _ in nil })
        }
        let compiled = try compile()
        let expected = String(repeating: "literal text & more, ", count: 3) + "<li>Ada [x] [y]</li><li>Bob</li>-Eve"
        for _ in 0..<3 {
            let output = compiled.render(Page(rows: Self.rows, owner: Person(name: "Eve")))
            #expect(String(decoding: output, as: UTF8.self) == expected)
        }
        let empty = try TemplateSet(templates: ["page": ""]).compile("page", for: Page.self, messages: { _ in nil })
        #expect(empty.render(Page()).isEmpty)
    }

    @Test func compiledTemplatesAreSendableAcrossTasks() async throws {
        let compiled = try TemplateSet(templates: ["page": "{{ count }}"]).compile("page", for: Page.self, messages: { _ in nil })
        let outputs = await withTaskGroup(of: String.self) { group in
            for n in 0..<4 {
                group.addTask { String(decoding: compiled.render(Page(count: n)), as: UTF8.self) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.sorted() == ["0", "1", "2", "3"])
    }
}
