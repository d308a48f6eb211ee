import Claims
import Foundation
import HTTP
import Storage
import Testing
@testable import App

/// The route table both parses and prints: every route, with IDs and parameters that need
/// escaping, survives a trip through its own link.
@Suite struct RouteTableTests {
    static let awkward = ["C-1001", "a b", "100%", "x+y", "a/b", "what?", "ü€ claim", "#frag", "..x", "~tilde"]

    /// One or more samples of every route, built from `id`.
    static func samples(_ id: String) -> [Route] {
        let claim = ClaimID(id)
        var filters = DashboardFilters(state: .approved, solutionArea: .microsoft365, activity: nil, search: id,
                                       sort: .name, descending: false)
        filters.after = DashboardCursor(number: 12, key: id)
        var routes: [Route] = [
            .home, .healthz, .readyz, .metrics, .login, .login(next: ReturnPath("/claims/" + id)), .logout, .asset("app.css"), .dashboard, .claims(filters), .claimsExport(filters.firstPage),
            .newClaim(from: nil), .newClaim(from: claim), .claim(claim), .claim(claim, notice: .submitted),
            .document(claim, DocumentID(id)), .document(claim, DocumentID(id), inline: true),
            .organizationUsers(), .organizationUsers(notice: .added), .organizationUser(7),
            .reviewQueue, .review(ReviewQueueParameters(view: .overdue, search: id, after: ReviewQueueCursor(deadline: 5, number: 9))),
            .reviewClaim(claim),
            .reviewClaim(claim, ReviewClaimParameters(done: .approve,
                                                      checklist: ReviewChecklist(submitted: true, shown: [.customerSignature]))),
            .outbox, .consent(ConsentToken(id)), .consent(ConsentToken(id), confirming: true),
        ]
        var needsAction = DashboardFilters(search: id)
        needsAction.needsAction = true
        routes.append(.claims(needsAction))
        routes += ClaimPage.allCases.map { .claimPage(claim, $0) }
        routes += ReviewStep.allCases.map { .reviewAction(claim, $0) }
        var input = ReviewInput()
        input.step = .reject
        input.comment = "a comment & " + id
        input.rejectionReasons = [.insufficientPoE]
        routes.append(.reviewClaim(claim, ReviewClaimParameters(input: input)))
        return routes
    }

    @Test(arguments: awkward)
    func everyRoutePrintsALinkThatParsesBackToIt(_ id: String) throws {
        for route in Self.samples(id) {
            let href = route.href
            let parts = href.split(separator: "?", maxSplits: 1)
            let path = String(parts[0])
            let query = parts.count > 1 ? QueryItems(FormURLEncoded.decode(String(parts[1]))) : QueryItems()
            #expect(Route(path: path, query: query) == route, "\(href)")
            // What a real request carries: the same target through the request parser's split.
            let request = HTTPRequest(method: "GET", target: href, headers: HTTPHeaders(), body: .empty)
            #expect(Route(path: request.path, query: request.query) == route, "\(href)")
        }
    }

    @Test func pathSegmentsHaveOneEncodingAndSpaceIsNeverPlus() {
        #expect(PathSegment.encode("a b+c") == "a%20b%2Bc")
        #expect(PathSegment.encode("a/b?c#d%") == "a%2Fb%3Fc%23d%25")
        #expect(PathSegment.split("/claims/a%20b%2Bc") == ["claims", "a b+c"])
        #expect(PathSegment.split("/claims/a+b") == ["claims", "a+b"], "a + in a path is a plus")
        #expect(PathSegment.split("/claims/a%2Fb") == ["claims", "a/b"], "an encoded slash stays inside its segment")
        #expect(PathSegment.split("/claims/a%00b") == nil)
        #expect(PathSegment.split("/claims/%2e%2e") == nil)
        #expect(PathSegment.split("/claims//x") == nil)
    }

    @Test func unknownPathsAndPagesParseToNothing() {
        for path in ["/nope", "/claims/C-1/nope", "/review/C-1/nope", "/organization/users/0",
                     "/organization/users/x", "/consent", "/claims/C-1/documents/D/extra"] {
            #expect(Route(path: path) == nil, "\(path)")
        }
    }
}

/// Every route's declared access rule, checked through the real pipeline for every kind of user:
/// anonymous visitors are sent to the login page, the wrong role gets 403, and the right role
/// gets past the rule (whatever the page then says).
@Suite struct AccessMatrixTests {
    enum Visitor: String, CaseIterable {
        case anonymous, globalAdmin, incentivesAdmin, billingAdmin, reviewer
        var email: String? {
            switch self {
            case .anonymous: nil
            case .globalAdmin: "global@contoso.example"
            case .incentivesAdmin: "incentives@contoso.example"
            case .billingAdmin: "billing@contoso.example"
            case .reviewer: "reviewer@reviewers.example"
            }
        }
        var role: Role? {
            switch self {
            case .anonymous: nil
            case .globalAdmin: .globalAdmin
            case .incentivesAdmin: .incentivesAdmin
            case .billingAdmin: .billingAdmin
            case .reviewer: .reviewer
            }
        }
    }

    @Test(arguments: Visitor.allCases)
    func everyRouteAppliesItsAccessRule(_ visitor: Visitor) throws {
        let app = try TestApp(configure: { $0.demo = true })
        if let email = visitor.email { app.login(email) }
        let formPage = switch visitor.role {
        case nil: "/login"
        case .reviewer?: "/review"
        default: "/claims"
        }
        let csrf = app.csrfToken(from: formPage)
        #expect(!csrf.isEmpty)
        for route in RouteTableTests.samples("C-1001") where route != .logout {
            let method: HTTPMethod = route.methods.contains(.get) ? .get : .post
            let form: [(String, String)]? = method == .post ? [("_csrf", csrf)] : nil
            let response = app.send(method, route.href, form: form)
            let expected = route.access.decide(for: visitor.role)
            switch expected {
            case .allowed:
                #expect(response.status != 403, "\(visitor) \(method) \(route.href)")
                #expect(!(response.status == 303 && response.headers["Location"]?.hasPrefix(Route.login.href) == true && visitor != .anonymous),
                        "\(visitor) \(route.href)")
            case .signIn:
                #expect(response.status == 303, "\(visitor) \(method) \(route.href)")
                // Back to the page asked for once signed in, unless it was a form's POST.
                let expected = method == .post ? Route.login : Route.login(next: ReturnPath(route.href))
                #expect(response.headers["Location"] == expected.href, "\(visitor) \(route.href)")
            case .forbidden:
                #expect(response.status == 403, "\(visitor) \(method) \(route.href): \(response.status)")
            }
        }
    }
}
