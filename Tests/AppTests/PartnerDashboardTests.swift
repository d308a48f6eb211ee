import Foundation
import Testing
import Claims
import Storage
@testable import App

@Suite struct PartnerDashboardTests {
    @Test func csvCellsAreQuotedAndFormulasNeutralised() {
        #expect(CSVTable.cell("plain") == "plain")
        #expect(CSVTable.cell("a,b") == "\"a,b\"")
        #expect(CSVTable.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVTable.cell("two\nlines") == "\"two\nlines\"")
        #expect(CSVTable.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        for start in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            #expect(CSVTable.cell(start).hasPrefix("'") || CSVTable.cell(start).hasPrefix("\"'"), "\(start)")
        }
        var table = CSVTable(header: ["a", "b"])
        table.append(["1", "2"])
        #expect(table.text == "a,b\r\n1,2\r\n")
    }

    @Test func theExportIsTheFilteredListAsAnAttachment() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        _ = app.createCompleteClaim(name: "=cmd|' /C calc'!A0, \"quoted\"")
        _ = app.createCompleteClaim(name: "Other claim", tenant: "11111111-2222-3333-4444-555555555555")
        let response = app.send("GET", "/claims/export.csv?q=cmd")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"]?.hasPrefix("text/csv; charset=utf-8") == true)
        #expect(response.headers["Content-Disposition"]?.hasPrefix("attachment; filename=\"claims-") == true)
        let text = String(response.bodyText.dropFirst())  // the byte-order mark
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("Claim ID,Claim,Customer,Customer domain,Tenant ID"))
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[1].hasPrefix("C-1001,\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\",Northwind Traders"))
        #expect(lines[1].contains("Microsoft Teams; Exchange Online") || lines[1].contains("Exchange Online; Microsoft Teams"))
    }

    @Test func keysetPagesWalkEveryClaimOnceInEveryOrder() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        for index in 0..<7 {
            _ = app.createCompleteClaim(name: "Claim \(index % 3)", tenant: String(format: "00000000-0000-0000-0000-%012d", index))
        }
        let organization = try #require(try app.application.accounts.organization(named: "Contoso")).id
        for sort in DashboardSort.allCases {
            for descending in [false, true] {
                var query = DashboardQuery(organizationID: organization, sort: sort, descending: descending, limit: 3)
                var seen: [String] = []
                while true {
                    let page = try app.application.claims.dashboard(query)
                    seen += page.rows.map(\.id.rawValue)
                    guard let next = page.next else { break }
                    query.after = next
                }
                #expect(seen.count == 7 && Set(seen).count == 7, "\(sort) \(descending)")
            }
        }
        let html = app.send("GET", "/claims?sort=name&dir=asc").bodyText
        #expect(html.contains("aria-sort=\"ascending\""))
    }

    /// Every order the dashboard offers is read from an index, never sorted in a temporary B-tree.
    @Test func everyOrderIsIndexBacked() throws {
        let app = try TestApp()
        let store = app.application.claims
        for sort in DashboardSort.allCases {
            for descending in [false, true] {
                for after in [nil, DashboardCursor(number: 1500, key: "1")] {
                    let plan = try store.dashboardPlan(DashboardQuery(organizationID: 1, sort: sort, descending: descending,
                                                                      after: after)).joined(separator: " | ")
                    #expect(!plan.contains("TEMP B-TREE"), "\(sort): \(plan)")
                    #expect(plan.contains("USING INDEX claims_organization") || plan.contains("USING COVERING INDEX claims_organization"), "\(sort): \(plan)")
                }
            }
        }
        let filtered = try store.dashboardPlan(DashboardQuery(organizationID: 1, state: .submitted)).joined(separator: " | ")
        #expect(!filtered.contains("TEMP B-TREE"), "\(filtered)")
    }
}
