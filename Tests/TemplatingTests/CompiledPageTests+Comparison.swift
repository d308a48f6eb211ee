import Testing
import Templating

/// A row-heavy page rendered both ways. Timing is printed, never asserted: a busy machine must
/// not fail the build, but the figure should be visible in the test log.
@Suite struct CompiledPageComparisonTests {
    struct Statement: Templated {
        var id: Int
        var claimant: String
        var partner: String
        var status: String
        var amount: Int
        var currency: String
        var opened: String
        var due: String?
        var overdue: Bool
        var notes: [String]

        static let fields: TemplateFields<Statement> = [
            .number("id", \.id), .text("claimant", \.claimant), .text("partner", \.partner), .text("status", \.status),
            .number("amount", \.amount), .text("currency", \.currency), .text("opened", \.opened),
            .optional("due", \.due), .flag("overdue", \.overdue), .strings("notes", \.notes),
        ]

        var value: TemplateValue {
            [
                "id": .int(id), "claimant": .string(claimant), "partner": .string(partner), "status": .string(status),
                "amount": .int(amount), "currency": .string(currency), "opened": .string(opened),
                "due": TemplateValue(due), "overdue": .bool(overdue), "notes": .list(notes.map(TemplateValue.string)),
            ]
        }
    }

    struct Statements: Templated {
        var heading: String
        var statements: [Statement]

        static let fields: TemplateFields<Statements> = [.text("heading", \.heading), .list("statements", \.statements)]
    }

    static let templates = [
        "layout": """
            <!doctype html>
            <html><head><title>{{ title }}</title></head>
            <body>
            {{# user }}
            <nav>{{ user }} <form method="post" action="/logout"><input type="hidden" name="csrf" value="{{ csrf }}"></form></nav>
            {{/ user }}
            {{{ content }}}
            </body></html>

            """,
        "page": """
            <h1>{{ heading }}</h1>
            <table>
            {{# statements }}
              <tr class="{{# overdue }}overdue{{/ overdue }}">
                <td><a href="/claims/{{ id }}">#{{ id }}</a></td><td>{{ claimant }}</td><td>{{ partner }}</td>
                <td>{{ status }}</td><td>{{ amount }} {{ currency }}</td><td>{{ opened }}</td>
                <td>{{# due }}{{ due }}{{/ due }}{{^ due }}–{{/ due }}</td>
                <td>{{# notes }}<span>{{ . }}</span>{{/ notes }}</td>
                <td><form method="post" action="/claims/{{ id }}/close"><input type="hidden" name="csrf" value="{{ csrf }}"></form></td>
              </tr>
            {{/ statements }}
            </table>

            """,
    ]

    @Test func compiledPageMatchesTheDynamicOneAndPrintsHowMuchFasterItIs() throws {
        let page = Statements(heading: "Claims & payments", statements: (0..<100).map { index in
            Statement(
                id: 1000 + index, claimant: "Claimant <\(index)> O'Neil", partner: "Partner \(index % 7) & Sons",
                status: index.isMultiple(of: 3) ? "partnerActionRequired" : "underReview", amount: index * 1234,
                currency: "EUR", opened: "2024-05-\(10 + index % 20)", due: index.isMultiple(of: 4) ? nil : "2024-06-01",
                overdue: index.isMultiple(of: 5), notes: index.isMultiple(of: 2) ? ["urgent", "\"vip\""] : [])
        })
        let chrome = Chrome(title: "cpor", csrf: "c5rf-t0ken", user: "ada@example.org")
        let set = try TemplateSet(templates: Self.templates)
        let compiled = try set.compile("page", for: Statements.self, layout: "layout", layoutModel: Chrome.self, messages: { _ in nil })

        func context() -> TemplateValue {
            [
                "title": .string(chrome.title), "csrf": .string(chrome.csrf), "user": TemplateValue(chrome.user),
                "heading": .string(page.heading), "statements": .list(page.statements.map(\.value)),
            ]
        }
        let dynamicContext = context()
        let dynamic = try set.render("page", dynamicContext, layout: "layout", localizer: { _ in nil })
        let output = compiled.render(page, layout: chrome)
        #expect(output == Array(dynamic.utf8))
        #expect(output.count > 30_000)

        let rounds = 200
        let clock = ContinuousClock()
        var sink = 0
        let compiledTime = clock.measure {
            for _ in 0..<rounds { sink &+= compiled.render(page, layout: chrome).count }
        }
        let dynamicTime = try clock.measure {
            for _ in 0..<rounds { sink &+= try set.render("page", dynamicContext, layout: "layout", localizer: { _ in nil }).utf8.count }
        }
        let dynamicWithContextTime = try clock.measure {
            for _ in 0..<rounds { sink &+= try set.render("page", context(), layout: "layout", localizer: { _ in nil }).utf8.count }
        }
        #expect(sink > 0)
        func perPage(_ duration: Duration) -> String {
            let microseconds = (Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12)
                / Double(rounds)
            return "\(Int(microseconds)) µs"
        }
        func ratio(_ duration: Duration) -> String {
            let value = (duration / compiledTime * 10).rounded() / 10
            return "\(value)× the compiled time"
        }
        print("""
            Compiled vs dynamic, 100 rows × 10 fields in a layout, \(output.count) bytes, per page: \
            compiled \(perPage(compiledTime)); dynamic \(perPage(dynamicTime)) (\(ratio(dynamicTime))); \
            dynamic with building its TemplateValue \(perPage(dynamicWithContextTime)) (\(ratio(dynamicWithContextTime)))
            """)
    }
}
