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
            .login(next: ReturnPath("/claims/" + id), notice: .sessionEnded), .login(next: nil, notice: .passwordSet),
            .account(), .account(notice: .passwordChanged), .accountSession(7), .accountSessions, .accountPassword, .passwordLink(id),
            .organizationAudit(), .organizationAudit(before: 12),
        ]
        routes += [.claims(DashboardFilters(view: .action, search: id)), .claims(DashboardFilters(view: .all)),
                   .claims(DashboardFilters(view: .action, sort: .name)), .claims(DashboardFilters(view: .all, state: .draft))]
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
                     "/organization/users/x", "/consent", "/claims/C-1/documents/D/extra", "/account/sessions/0",
                     "/account/sessions/x", "/password", "/account/nope"] {
            #expect(Route(path: path) == nil, "\(path)")
        }
    }
}
