import Claims
import Foundation
import HTTP
import Seeding
import Storage
import Testing
@testable import App

/// Every route, called by every kind of visitor through the real pipeline, answers with the status
/// this table says: anonymous visitors are sent to log in, the wrong role gets 403, another
/// organization's objects are 404 as if they did not exist, and a token in a path is the only
/// credential its page needs. A route added without a row here does not compile (`RouteKind`),
/// and one without a sample fails `everyKindOfRouteIsCalled`.
@Suite struct AccessMatrixTests {
    enum Visitor: String, CaseIterable, CustomTestStringConvertible {
        case anonymous, contosoGlobalAdmin, contosoIncentivesAdmin, contosoBillingAdmin, fabrikamIncentivesAdmin
        case reviewer, secondReviewer
        /// Not signed in, holding a live consent link and a live set-password link.
        case tokenHolder

        var email: String? {
            switch self {
            case .anonymous, .tokenHolder: nil
            case .contosoGlobalAdmin: "global@contoso.example"
            case .contosoIncentivesAdmin: "incentives@contoso.example"
            case .contosoBillingAdmin: "billing@contoso.example"
            case .fabrikamIncentivesAdmin: "incentives@fabrikam.example"
            case .reviewer: "reviewer@reviewers.example"
            case .secondReviewer: "reviewer2@reviewers.example"
            }
        }

        var testDescription: String { rawValue }
    }

    /// One case per case of `Route`, so that a new route cannot be forgotten here.
    enum RouteKind: String, CaseIterable {
        case home, healthz, readyz, metrics, asset, login, logout, account, accountSession, accountSessions, accountPassword
        case passwordLink
        case language, claims, claimsExport, newClaim, claim, claimPage, document, organizationUsers, organizationUser
        case organizationAudit, review, reviewClaim, reviewAction, outbox, consent

        init(_ route: Route) {
            self = switch route {
            case .home: .home
            case .healthz: .healthz
            case .readyz: .readyz
            case .metrics: .metrics
            case .asset: .asset
            case .login: .login
            case .logout: .logout
            case .account: .account
            case .accountSession: .accountSession
            case .accountSessions: .accountSessions
            case .accountPassword: .accountPassword
            case .passwordLink: .passwordLink
            case .language: .language
            case .claims: .claims
            case .claimsExport: .claimsExport
            case .newClaim: .newClaim
            case .claim: .claim
            case .claimPage: .claimPage
            case .document: .document
            case .organizationUsers: .organizationUsers
            case .organizationUser: .organizationUser
            case .organizationAudit: .organizationAudit
            case .review: .review
            case .reviewClaim: .reviewClaim
            case .reviewAction: .reviewAction
            case .outbox: .outbox
            case .consent: .consent
            }
        }
    }

    /// A demo service with the demo claims, Contoso's C-1005 approved (so a consent link exists) and
    /// Bea sent a set-password link; then `visitor` signs in.
    struct World {
        let app: TestApp
        let claim = ClaimID("C-1005")
        let document: DocumentID
        let bea: Int64
        let consentToken: String
        let passwordToken: String

        init(_ visitor: Visitor) throws {
            let clock = MovableClock(Date(timeIntervalSince1970: 1_796_119_200))
            let app = try TestApp(clock: clock.clock, configure: { $0.demo = true })
            try DemoClaims.seed(accounts: app.application.accounts, claims: app.application.claims, rules: app.application.rules,
                                now: clock.clock.now())
            try app.application.storeDocument(DemoDocument.bytes, sha256: DemoDocument.sha256)
            app.login("reviewer@reviewers.example")
            #expect(app.post("/review/C-1005/approve", [("version", try app.version(of: "C-1005")), ("confirmed", "yes")]).status == 303)
            app.cookies = [:]
            app.login("global@contoso.example")
            bea = try #require(try app.application.accounts.credentials(email: "billing@contoso.example")).user.id
            #expect(app.send("POST", "/organization/users/\(bea)", form: [("_csrf", app.sessionCSRF), ("change", "send_link")]).status == 303)
            let mail = try app.application.outbox.recent(limit: 50).map(\.email)
            consentToken = try #require(mail.first { $0.kind == .consentRequest }?.parameters["consent_token"])
            passwordToken = try #require(mail.first { $0.kind == .setPassword }?.parameters["password_token"])
            document = try #require(try app.application.claims.claim(claim)?.evidence.first).id
            app.cookies = [:]
            if let email = visitor.email { app.login(email) }
            self.app = app
        }
    }

    /// One or more addresses of every kind of route, on Contoso's objects; the token routes with
    /// live tokens for the token holder and unknown ones for everyone else. Logging out comes last.
    static func samples(_ world: World, _ visitor: Visitor) -> [Route] {
        let claim = world.claim
        let holds = visitor == .tokenHolder
        let consent = ConsentToken(holds ? world.consentToken : "not-a-live-consent-token-000000000000000")
        let password = holds ? world.passwordToken : "not-a-live-password-token-00000000000000"
        var routes: [Route] = [
            .home, .healthz, .readyz, .metrics, .asset("app.css"), .login, .login(next: nil, notice: .passwordSet),
            .account(), .accountSession(999_999), .accountSessions, .accountPassword, .passwordLink(password), .language,
            .dashboard, .claimsExport(DashboardFilters()), .newClaim(from: nil), .newClaim(from: claim), .claim(claim),
        ]
        routes += ClaimPage.allCases.map { .claimPage(claim, $0) }
        routes += [
            .document(claim, world.document), .document(claim, world.document, inline: true),
            .organizationUsers(), .organizationUser(world.bea), .organizationAudit(),
            .reviewQueue, .reviewClaim(claim),
        ]
        routes += ReviewStep.allCases.map { .reviewAction(claim, $0) }
        routes += [.outbox, .consent(consent), .consent(consent, confirming: true), .logout]
        return routes
    }

    /// What a request sends: a GET when the route answers one, and a POST carrying only the CSRF
    /// token when it answers a POST (a form left empty: the access rules are checked before it is read).
    static func requests(for route: Route) -> [HTTPMethod] {
        [HTTPMethod.get, .post].filter(route.methods.contains)
    }

    @Test func everyKindOfRouteIsCalled() throws {
        let world = try World(.anonymous)
        let called = Set(Self.samples(world, .anonymous).map(RouteKind.init))
        #expect(called == Set(RouteKind.allCases), "no sample for \(Set(RouteKind.allCases).subtracting(called))")
    }

    /// The status `visitor` gets for `method` on `route`, in the world above (C-1005 is Contoso's,
    /// approved, with PoE). A switch over every route: a new route needs its row to compile.
    static func expected(_ route: Route, _ method: HTTPMethod, _ visitor: Visitor) -> Int {
        let signedIn = visitor.email != nil
        let reviewers: Set<Visitor> = [.reviewer, .secondReviewer]
        let post = method == .post
        /// Anonymous visitors (and token holders) are sent to the login page.
        func behindLogin(_ status: Int) -> Int { signedIn ? status : 303 }
        /// Contoso's partner users get `contoso`; Fabrikam's gets `fabrikam` (404: Contoso's claim does
        /// not exist for it); reviewers 403.
        func partnerPage(_ contoso: Int, fabrikam: Int = 404) -> Int {
            behindLogin(reviewers.contains(visitor) ? 403 : visitor == .fabrikamIncentivesAdmin ? fabrikam : contoso)
        }
        func globalAdminPage(_ status: Int) -> Int { behindLogin(visitor == .contosoGlobalAdmin ? status : 403) }
        func reviewerPage(_ status: Int) -> Int { behindLogin(reviewers.contains(visitor) ? status : 403) }
        /// The token is the credential: a live one opens the page, any other is 404, signed in or not.
        func tokenPage(_ status: Int) -> Int { visitor == .tokenHolder ? status : 404 }

        switch route {
        case .home, .logout: return 303
        case .healthz, .asset: return 200
        case .readyz: return 503  // never marked ready in-process
        case .metrics: return 404  // neither loopback nor a bearer token
        case .login: return post ? 422 : signedIn ? 303 : 200
        case .language: return 400  // no language chosen
        case .account: return behindLogin(200)
        case .accountSession: return behindLogin(404)  // no session of theirs has that id
        case .accountSessions: return behindLogin(200)  // asks for the password first
        case .accountPassword: return behindLogin(post ? 422 : 200)
        case .passwordLink: return tokenPage(post ? 422 : 200)
        case .claims, .claimsExport: return partnerPage(200, fabrikam: 200)
        case .newClaim(let from): return post ? partnerPage(422, fabrikam: 422) : partnerPage(200, fabrikam: from == nil ? 200 : 404)
        case .claim: return partnerPage(200)
        case .claimPage(_, let page, _):
            switch page {
            case .history: return partnerPage(200)
            // An approved claim can no longer be edited, submitted, answered, withdrawn or commented on.
            case .edit, .submit, .respond, .withdraw, .comments: return partnerPage(409)
            case .documents: return partnerPage(422)  // no file
            case .disassociate: return partnerPage(post ? 422 : 200)  // no reason given
            case .dispute: return partnerPage(post ? 409 : 200)
            }
        case .document: return behindLogin(visitor == .fabrikamIncentivesAdmin ? 404 : 200)
        case .organizationUsers: return globalAdminPage(post ? 422 : 200)
        case .organizationUser: return globalAdminPage(422)  // no change named
        case .organizationAudit: return globalAdminPage(200)
        case .review, .reviewClaim, .outbox: return reviewerPage(200)
        case .reviewAction: return reviewerPage(422)  // no version
        // The first POST denies the association; the second finds it denied.
        case .consent(_, let confirming): return tokenPage(post ? (confirming ? 409 : 303) : 200)
        }
    }

    @Test(arguments: Visitor.allCases)
    func everyRouteAnswersEveryVisitorAsTheMatrixSays(_ visitor: Visitor) throws {
        let world = try World(visitor)
        let app = world.app
        let csrf = app.csrfToken(from: visitor.email == nil ? "/login" : "/account")
        #expect(!csrf.isEmpty)
        for route in Self.samples(world, visitor) {
            for method in Self.requests(for: route) {
                let response = app.send(method, route.href, form: method == .post ? [("_csrf", csrf)] : nil)
                let expected = Self.expected(route, method, visitor)
                #expect(response.status.code == expected, "\(visitor) \(method) \(route.href): \(response.status.code)")
                if expected == 303, visitor.email == nil, route != .home, route != .logout,
                   RouteKind(route) != .consent {
                    // To the login page; back to the page asked for once signed in, unless it was a form's POST.
                    let login = method == .post ? Route.login : Route.login(next: ReturnPath(route.href))
                    #expect(response.headers["Location"] == login.href, "\(visitor) \(method) \(route.href)")
                }
            }
        }
    }
}
