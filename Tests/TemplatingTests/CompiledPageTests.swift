import Testing
import Templating

@Suite struct CompiledPageTests {
    private func compilePage(
        _ templates: [String: String], messages: [String: String] = [:]
    ) throws(TemplateError) -> CompiledPage<Chrome, Page> {
        try TemplateSet(templates: templates).compile(
            "page", for: Page.self, layout: "layout", layoutModel: Chrome.self, messages: { messages[$0] })
    }

    private func layoutError(_ templates: [String: String]) -> TemplateError? {
        do {
            _ = try compilePage(templates)
            return nil
        } catch {
            return error
        }
    }

    @Test func layoutWrapsThePageAndPageNamesShadowLayoutNames() throws {
        let page = try compilePage([
            "layout": "<title>{{ title }}</title>\n<main>\n{{{ content }}}\n</main>",
            "page": "<h1>{{ title }}</h1><form><input name=csrf value=\"{{ csrf }}\"></form>",
        ])
        let output = page.render(Page(title: "Claims & costs"), layout: Chrome(title: "cpor <beta>", csrf: "t'k"))
        #expect(String(decoding: output, as: UTF8.self) == "<title>cpor &lt;beta&gt;</title>\n<main>\n"
            + "<h1>Claims &amp; costs</h1><form><input name=csrf value=\"t&#39;k\"></form>\n</main>")
    }

    @Test func layoutFieldsAreVisibleInRowsAndPartials() throws {
        let page = try compilePage([
            "layout": "{{# user }}{{ user }}: {{/ user }}{{{ content }}}",
            "page": "{{# rows }}{{> rows/form }}{{/ rows }}{{> footer }}",
            "rows/form": "<form>{{ name }} {{ csrf }}</form>",
            "footer": "<p>{{ csrf }} {{ title }}</p>",
        ])
        let output = page.render(Page(rows: [Row(name: "a"), Row(name: "b")]), layout: Chrome(csrf: "T", user: "Ada"))
        #expect(String(decoding: output, as: UTF8.self) == "Ada: <form>a T</form><form>b T</form><p>T Claims</p>")
    }

    @Test func sameAsTheDynamicLayout() throws {
        let templates = [
            "layout": "<!doctype html>\n<title>{{t app.name }}</title>\n{{^ subtitle }}\n<nav>{{ currency }}</nav>\n{{/ subtitle }}\n{{{ content }}}\n<footer>{{ count }}</footer>\n",
            "page": "<h1>{{ title }}</h1>\n<ul>\n{{# rows }}\n  <li>{{ name }} {{ amount }} {{ currency }}</li>\n{{/ rows }}\n</ul>\n",
        ]
        let model = Page(count: 2, rows: CompiledTemplateTests.rows)
        let set = try TemplateSet(templates: templates)
        let dynamic = try set.render("page", model.value, layout: "layout", localizer: { _ in "cpor" })
        // Here the page model serves as its own layout model, as the dynamic renderer shares one context.
        let compiled = try set.compile("page", for: Page.self, layout: "layout", layoutModel: Page.self, messages: { _ in "cpor" })
        #expect(String(decoding: compiled.render(model, layout: model), as: UTF8.self) == dynamic)
    }

    /// A page is rendered into room sized from the render before: a longer page outgrows it and is
    /// copied once, a shorter one fits. Every render reads the same whatever the room.
    @Test func pagesLongerAndShorterThanTheLastReadTheSame() throws {
        let page = try compilePage(["layout": "<main>{{{ content }}}</main>", "page": "{{# rows }}<p>{{ name }}</p>{{/ rows }}"])
        func expected(_ count: Int) -> String {
            "<main>" + (0..<count).map { "<p>row &amp; \($0)</p>" }.joined() + "</main>"
        }
        for count in [0, 1, 3_000, 3_000, 10, 20_000, 5, 0] {
            let rows = (0..<count).map { Row(name: "row & \($0)") }
            #expect(String(decoding: page.render(Page(rows: rows), layout: Chrome()), as: UTF8.self) == expected(count))
        }
    }

    @Test func messagesInTheLayoutAreBakedIn() throws {
        let page = try compilePage(["layout": "{{t nav.home }}|{{{ content }}}", "page": "{{t page.title }}"], messages: [
            "nav.home": "Home & away", "page.title": "Claims",
        ])
        #expect(String(decoding: page.render(Page(), layout: Chrome()), as: UTF8.self) == "Home &amp; away|Claims")
        #expect(layoutError(["layout": "{{{ content }}}", "page": "\n {{t page.title }}"])?.description
            == "page:2:2: missing message 'page.title'")
    }

    @Test func pageNamesNotInEitherModelFail() {
        #expect(layoutError(["layout": "{{{ content }}}", "page": "{{ nope }}"])?.description
            == "page:1:1: 'nope' is not a field of Page or Chrome")
        #expect(layoutError(["layout": "{{ count }}{{{ content }}}", "page": ""])?.description
            == "layout:1:1: 'count' is not a field of Chrome")
    }

    @Test func layoutWithoutContentFails() {
        #expect(layoutError(["layout": "<main></main>", "page": ""])?.description
            == "layout: layout has no {{{ content }}} to show the page in")
        // The escaped form is an ordinary name: the page's HTML is never escaped into the layout.
        #expect(layoutError(["layout": "{{ content }}", "page": ""])?.description
            == "layout:1:1: 'content' is not a field of Chrome")
    }

    @Test func layoutWithTwoContentsFails() {
        #expect(layoutError(["layout": "{{{ content }}}\n {{{ content }}}", "page": ""])?.description
            == "layout:2:2: a second {{{ content }}}; a layout shows the page once")
        #expect(layoutError(["layout": "{{> main }}{{> main }}", "main": "{{{ content }}}", "page": ""])?.description
            == "main:1:1: a second {{{ content }}}; a layout shows the page once")
    }

    @Test func contentInsideASectionFails() {
        #expect(layoutError(["layout": "{{# user }}\n  {{{ content }}}\n{{/ user }}", "page": ""])?.description
            == "layout:2:3: {{{ content }}} inside a section; a layout shows the page once")
    }
}
