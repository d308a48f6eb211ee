import Foundation
import Testing
import Claims
import SQLite
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

    /// More claims than two export pages, whose names, numbers and times sort apart: whatever the
    /// filters and order, the file lists every matching claim once, in the dashboard's order, under
    /// one header and one byte-order mark, and leaves no spool file behind.
    @Test func anExportLongerThanAPageListsEveryClaimInOrder() throws {
        let now = Date(timeIntervalSince1970: 1_796_119_200)
        let app = try TestApp(clock: .fixed(now))
        app.login("incentives@contoso.example")
        let accounts = app.application.accounts
        let partner = RequestContext.actor(for: try #require(try accounts.credentials(email: "incentives@contoso.example")).user)
        let count = ClaimsExport.pageSize * 2 + 1
        for index in 0..<count {
            let tenant = String(format: "0b7c1e52-5c1a-4a55-9d6e-%012d", index)
            let form = ClaimForm(name: "Claim \((index * 7919) % count)", partnerLocationID: "4100001", tenantID: tenant,
                                 customerDomain: "customer\(index % 10).example", customerName: "Customer \(index % 13)",
                                 solutionArea: SolutionArea.microsoft365.rawValue, products: [Product.teams.rawValue],
                                 activity: Activity.usageDeployment.rawValue, customerContactName: "Dana Moss",
                                 customerContactTitle: "IT director", customerContactEmail: "dana@customer.example",
                                 partnerContactName: "Sam Lee", partnerContactEmail: "sam@partner.example")
            let at = now.addingTimeInterval(Double((index * 31) % 97))
            _ = try app.application.claims.create { id in try Claim.draft(id: id, form: form, by: partner, at: at) }
        }
        let organization = try #require(try accounts.organization(named: "Contoso")).id
        let orders = [DashboardFilters(), DashboardFilters(sort: .name, descending: false), DashboardFilters(sort: .customer),
                      DashboardFilters(state: .draft, search: "customer3.example", sort: .updated, descending: false)]
        for filters in orders {
            let response = app.send("GET", Route.claimsExport(filters).href)
            #expect(response.status == 200)
            #expect(response.headers["Content-Length"] == nil, "the server adds it")
            let text = response.bodyText
            #expect(text.hasPrefix("\u{FEFF}Claim ID,") && !text.dropFirst().contains("\u{FEFF}"))
            let lines = text.dropFirst().components(separatedBy: "\r\n").dropLast()
            let expected = try app.application.claims.dashboard(filters.query(organizationID: organization, limit: nil)).rows
            #expect(expected.count > (filters.search.isEmpty ? ClaimsExport.pageSize * 2 : 50))
            #expect(lines.dropFirst().map { String($0.prefix { $0 != "," }) } == expected.map(\.id.rawValue), "\(filters)")
            #expect(lines.filter { $0.hasPrefix("Claim ID,") }.count == 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: app.application.documents.incomingDirectory).isEmpty)
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

    /// The tenant column shows a GUID's first block, found the same way whatever the text.
    @Test func theTenantColumnShowsTheFirstBlock() {
        for tenant in ["3f2504e0-4f89-11d3-9a0c-0305e82c3301", "nodash", "-lead", "", "é-x", "a-\u{301}b-c", "ab\r\n-c"] {
            #expect(PartnerDashboardPage.firstBlock(tenant) == String(tenant.prefix { $0 != "-" }), "\(tenant.debugDescription)")
        }
    }

    /// Every order the dashboard offers is read from an index, never sorted in a temporary B-tree.
    @Test func everyOrderIsIndexBacked() throws {
        let app = try TestApp()
        let store = SQLiteClaimStore(database: app.database)
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

/// Search reads the trigram index of migration 7: any part of a name, customer or domain, in any
/// case, and a renamed claim is found by its new name only.
@Suite struct PartnerDashboardSearchTests {
    func ids(_ app: TestApp, _ search: String) -> Set<String> {
        let query = search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? search
        return Set(app.send("GET", "/claims?q=" + query).bodyText.matches(of: /<a href="\/claims\/(C-\d+)">/).map { String($0.1) })
    }

    @Test func searchFindsAnyPartOfANameInAnyCase() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let teams = app.createCompleteClaim(name: "Teams rollout EMEA")
        let exchange = app.createCompleteClaim(name: "Exchange \"cut-over\" wave", tenant: "11111111-2222-3333-4444-555555555555")
        #expect(ids(app, "ROLLOUT") == [String(teams.dropFirst("/claims/".count))])
        #expect(ids(app, "\"cut-over\"") == [String(exchange.dropFirst("/claims/".count))])
        #expect(ids(app, "2222-3333") == [String(exchange.dropFirst("/claims/".count))])
        #expect(ids(app, "Northwind").count == 2)
        #expect(ids(app, "nothing like it").isEmpty)
        // Shorter than a trigram: still a substring search.
        #expect(ids(app, "EM") == [String(teams.dropFirst("/claims/".count))])
    }

    @Test func aRenamedClaimIsFoundByItsNewNameOnly() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let path = app.createCompleteClaim(name: "Intranet pilot")
        let id = String(path.dropFirst("/claims/".count))
        let store = SQLiteClaimStore(database: app.database)
        let organization = try #require(try app.application.accounts.organization(named: "Contoso")).id
        try app.database.pool.write { db in
            try db.run("UPDATE claims SET name = 'Records archive' WHERE number = ?", [SQLiteClaimStore.number(of: ClaimID(id))!])
        }
        #expect(ids(app, "archive") == [id])
        #expect(ids(app, "Intranet").isEmpty)
        #expect(try store.dashboard(DashboardQuery(organizationID: organization, search: "records")).rows.map(\.id.rawValue) == [id])
    }

    /// Few matches, read from the index first, are looked up by number, never by reading the
    /// organization's claims.
    @Test func aSearchWithFewMatchesReadsTheTrigramIndex() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        _ = app.createCompleteClaim(name: "Teams rollout EMEA")
        let organization = try #require(try app.application.accounts.organization(named: "Contoso")).id
        for sort in DashboardSort.allCases {
            let plan = try SQLiteClaimStore(database: app.database).dashboardPlan(DashboardQuery(organizationID: organization, search: "rollout",
                                                                               sort: sort))
            #expect(plan.contains { $0.contains("INTEGER PRIMARY KEY") }, "\(sort): \(plan)")
            #expect(!plan.contains { $0 == "SCAN claims" || $0.hasPrefix("SCAN claims ") }, "\(sort): \(plan)")
        }
    }
}

/// "Needs your action": the claims whose next move is the partner's. Plain `/claims` opens on it;
/// "All claims" is the other tab, and a filter or search without a view looks through every claim.
@Suite struct NeedsActionViewTests {
    @Test func theDashboardOpensOnDraftsRequestsAndOpenRejections() throws {
        let app = try TestApp.withDemoClaims()
        app.login("incentives@contoso.example")
        let draft = app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF), ("name", "Still a draft")])
        #expect(draft.status == 303)
        let page = app.send("GET", "/claims")
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains(#"<a href="/claims" aria-current="page">Needs your action (2)</a>"#), "the first tab, current")
        #expect(html.contains(#"<a href="/claims?view=all">All claims ("#))
        #expect(html.contains("C-1004") && html.contains("Still a draft"))
        #expect(!html.contains(">C-1001<") && !html.contains(">C-1002<") && !html.contains(">C-1005<"))
        #expect(html.contains(#"<input type="hidden" name="view" value="action">"#), "filters keep the view")
        let named = app.send("GET", "/claims?view=action").bodyText
        #expect(named.replacingOccurrences(of: #"value="/claims?view=action""#, with: #"value="/claims""#) == html,
                "the view named is the default one; only the language switch's way back differs")
        #expect(ClaimState.allCases.filter(\.needsPartnerAction) == [.draft, .partnerActionRequired, .rejected])

        let all = app.send("GET", "/claims?view=all").bodyText
        #expect(all.contains(#"<a href="/claims?view=all" aria-current="page">All claims ("#))
        #expect(all.contains(">C-1001<") && all.contains(">C-1004<") && all.contains("Still a draft"))
        #expect(all.contains(#"<input type="hidden" name="view" value="all">"#))
    }

    @Test func filtersSearchAndClearingKeepTheView() throws {
        let app = try TestApp.withDemoClaims()
        app.login("incentives@contoso.example")
        // The chart's bars and older links name a state but no view: they look through every claim.
        let approved = app.send("GET", "/claims?state=approved").bodyText
        #expect(approved.contains(#"<input type="hidden" name="view" value="all">"#))
        #expect(approved.contains(#"aria-current="page">All claims ("#))
        // A filter inside "Needs your action" stays inside it, and so does clearing it.
        let inside = app.send("GET", "/claims?view=action&state=submitted").bodyText
        #expect(inside.contains("No claims match") && inside.contains(#"<a href="/claims">Clear filters</a>"#))
        // An unknown view is no view: the default one, as any unknown filter value means no filter.
        let unknown = app.send("GET", "/claims?view=everything")
        #expect(unknown.status == 200 && unknown.bodyText.contains(#"<input type="hidden" name="view" value="action">"#))
        let everywhere = app.send("GET", "/claims?view=all&state=draft&q=zzz").bodyText
        #expect(everywhere.contains(#"<a href="/claims?view=all">Clear filters</a>"#))
        // The tabs keep the order chosen, and the export is the list shown.
        let sorted = app.send("GET", "/claims?view=all&sort=name&dir=asc").bodyText
        #expect(sorted.contains(#"<a href="/claims?sort=name">Needs your action ("#))
        let actionCSV = app.send("GET", "/claims/export.csv").bodyText
        let allCSV = app.send("GET", "/claims/export.csv?view=all").bodyText
        #expect(actionCSV.contains("C-1004") && !actionCSV.contains("C-1001"))
        #expect(allCSV.contains("C-1004") && allCSV.contains("C-1001"))
    }

    @Test func nothingWaitingSaysSoAndLinksEveryClaim() throws {
        let app = try TestApp.withDemoClaims()
        app.login("incentives@fabrikam.example")
        let html = app.send("GET", "/claims").bodyText
        if html.contains(">C-") {
            Issue.record("Fabrikam's demo claims were expected to wait on the reviewers only")
        }
        #expect(html.contains("Nothing needs your action"))
        #expect(html.contains(#"<a class="button" href="/claims?view=all">See all claims</a>"#))
        #expect(!html.contains("No claims yet"), "the organization has claims")
    }

    @Test func theDefaultOrderReadsTheActionIndex() throws {
        let app = try TestApp.withDemoClaims()
        let organization = try #require(try app.application.accounts.organization(named: "Contoso")).id
        let plan = try SQLiteClaimStore(database: app.database).dashboardPlan(
            DashboardFilters().query(organizationID: organization, limit: 50))
        #expect(plan == ["SEARCH claims USING INDEX claims_organization_action (organization_id=?)"], "\(plan)")
    }
}
