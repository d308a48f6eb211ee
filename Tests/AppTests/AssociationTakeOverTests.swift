import Claims
import Foundation
import HTTP
import Storage
import Testing
@testable import App

/// The July 2020 update through the pages: PoE added to an approved association, and a competing
/// claim with more recent PoE taking that association over when a reviewer approves it. Contoso,
/// Fabrikam and Rita each in their own session, on one running app.
@Suite struct AssociationTakeOverTests {
    static let start = Date(timeIntervalSince1970: 1_793_607_600) // Mon 2 Nov 2026, 08:20 UTC
    static let tenant = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"

    /// The app, and whoever is signed in to it now: each person signs in afresh when their turn
    /// comes, as weeks pass between the steps and sessions expire.
    final class World: @unchecked Sendable {
        let clock = MovableClock(AssociationTakeOverTests.start)
        let app: TestApp

        init() throws { app = try TestApp(clock: clock.clock) }

        /// Acts as `email` until the next call.
        @discardableResult
        func `as`(_ email: String) -> TestApp {
            app.cookies = [:]
            app.login(email)
            return app
        }

        /// As a partner: a complete claim on the shared tenant for `products`, one PDF, submitted.
        func submittedClaim(by email: String, name: String, products: [String], location: String) throws -> String {
            let app = self.as(email)
            let replaced = ["products", "partner_location_id", "name", "partner_contact_email"]
            let form = PartnerFixtures.completeClaim.filter { !replaced.contains($0.0) }
                + [("name", name), ("partner_location_id", location), ("partner_contact_email", email)] + products.map { ("products", $0) }
            let created = app.send("POST", "/claims/new", form: [("_csrf", app.sessionCSRF)] + form)
            #expect(created.status == 303)
            let path = String((created.headers["Location"] ?? "").prefix { $0 != "?" })
            #expect(app.uploadPDF(to: path).status == 303)
            #expect(app.send("POST", path + "/submit", form: [("_csrf", app.sessionCSRF), ("version", app.version(on: path + "/submit"))]).status == 303)
            return path
        }

        /// As Rita: start the review and approve, confirming. Returns the confirmation page.
        func approve(_ claim: String) throws -> String {
            let rita = self.as(ReviewTests.rita)
            #expect(rita.post("/review/\(claim)/start", [("version", try rita.version(of: claim))]).status == 303)
            let confirmation = rita.post("/review/\(claim)/approve", [("version", try rita.version(of: claim))])
            #expect(confirmation.status == 200)
            #expect(rita.post("/review/\(claim)/approve", [("version", try rita.version(of: claim)), ("confirmed", "yes")]).status == 303)
            return confirmation.bodyText
        }

        func claim(_ id: String) throws -> Claim { try #require(try app.application.claims.claim(ClaimID(id))) }
    }

    static let contoso = "incentives@contoso.example"
    static let fabrikam = "incentives@fabrikam.example"

    @Test func aPartnerAddsFreshPoEToAnApprovedClaimAndItsStateStays() throws {
        let world = try World()
        let path = try world.submittedClaim(by: Self.contoso, name: "Teams at Northwind", products: ["teams"], location: "4100001")
        _ = try world.approve("C-1001")
        world.clock.advance(days: 30)
        let partner = world.as(Self.contoso)
        let page = partner.send("GET", path).bodyText
        #expect(page.contains(#"action="\#(path)/documents""#), "an approved claim offers the upload form")
        #expect(partner.uploadPDF(to: path, filename: "quarterly-usage-report.pdf").status == 303)
        let claim = try world.claim("C-1001")
        #expect(claim.state == .approved)
        #expect(claim.evidence.count == 2)
        #expect(claim.latestProofOfExecutionAt == world.clock.clock.now())
        let history = partner.send("GET", path + "/history").bodyText
        #expect(history.contains("Proof of execution uploaded: quarterly-usage-report.pdf"))
        // Fabrikam cannot add to it, nor see it.
        let fabrikam = world.as(Self.fabrikam)
        #expect(fabrikam.uploadPDF(to: path).status == 404)
    }

    @Test func aNewerClaimWithFresherPoETakesTheSharedWorkloadsOverAndBothPartnersSeeIt() throws {
        let world = try World()
        // Contoso's association for Teams and Exchange Online, approved on Monday 2 November.
        let older = try world.submittedClaim(by: Self.contoso, name: "Teams and Exchange at Northwind",
                                             products: ["teams", "exchange_online"], location: "4100001")
        _ = try world.approve("C-1001")
        // Three weeks later Fabrikam claims Teams on the same tenant, with its own, newer PoE.
        world.clock.advance(days: 21)
        let newer = try world.submittedClaim(by: Self.fabrikam, name: "Teams voice at Northwind", products: ["teams"],
                                             location: "5200001")
        #expect(try world.claim("C-1002").state == .submitted)

        // Rita sees both claims side by side, each with its most recent PoE, and what approving does.
        let rita = world.as(ReviewTests.rita)
        #expect(rita.post("/review/C-1002/start", [("version", try rita.version(of: "C-1002"))]).status == 303)
        let review = rita.send("GET", "/review/C-1002").bodyText
        #expect(review.contains("Most recent proof of execution"))
        #expect(review.contains("<dd>2 Nov 2026 at 8:20</dd>"), "the older claim's PoE date")
        #expect(review.contains("<dd>23 Nov 2026 at 8:20</dd>"), "this claim's PoE date")
        #expect(review.contains("This claim&#39;s proof of execution is more recent: approving it ends the association of C-1001 (Contoso) for Microsoft Teams."))
        #expect(!review.contains("Approval is blocked"))
        let confirmation = rita.post("/review/C-1002/approve", [("version", try rita.version(of: "C-1002"))]).bodyText
        #expect(confirmation.contains("Approving this claim ends the association of C-1001 (Contoso) for Microsoft Teams"))
        #expect(rita.post("/review/C-1002/approve", [("version", try rita.version(of: "C-1002")), ("confirmed", "yes")]).status == 303)

        // Contoso keeps Exchange Online, loses Teams, and is told why: on the claim, in its history, by e-mail.
        let kept = try world.claim("C-1001")
        #expect(kept.state == .approved)
        #expect(kept.details.products == [.exchangeOnline])
        let contoso = world.as(Self.contoso)
        let page = contoso.send("GET", older).bodyText
        #expect(page.contains("Association ended for Microsoft Teams"))
        #expect(page.contains("a reviewer approved claim C-1002 for Microsoft Teams on this customer"))
        #expect(page.contains("that claim&#39;s is dated 23 Nov 2026 at 8:20, this claim&#39;s most recent was dated 2 Nov 2026 at 8:20"))
        let history = contoso.send("GET", older + "/history").bodyText
        #expect(history.contains("Association ended for Microsoft Teams: claim C-1002, with more recent proof of execution, was approved"))
        #expect(history.contains("E-mail sent: association replaced to incentives@contoso.example"))
        let email = try #require(try world.app.application.outbox.recent(limit: 20).first { $0.email.kind == .associationReplaced })
        #expect(email.email.claimID == ClaimID("C-1001"))
        let message = try world.app.application.composer(linkBase: "https://cpor.example").compose(email)
        #expect(message.subject == "Claim C-1001: your association ended for Microsoft Teams")
        #expect(message.textBody.contains("a reviewer approved claim C-1002, filed by another partner, for Microsoft Teams on Northwind Traders"))
        #expect(message.textBody.contains("the other claim's is dated 23 Nov 2026 at 8:20; the most recent on your claim was dated 2 Nov 2026 at 8:20"))
        #expect(message.textBody.contains("Your claim stays approved for Exchange Online."))
        #expect(message.textBody.contains("https://cpor.example/claims/C-1001"))

        // Fabrikam's claim is approved, and its history names the claim it replaced.
        let fabrikam = world.as(Self.fabrikam)
        #expect(fabrikam.send("GET", newer).bodyText.contains(#"<span class="badge badge-ok">Approved</span>"#))
        #expect(fabrikam.send("GET", newer + "/history").bodyText
            .contains("Approved in place of claim C-1001 for Microsoft Teams: that claim&#39;s proof of execution was older"))
        // Nothing competes any more.
        #expect(!world.as(ReviewTests.rita).send("GET", "/review?view=competing").bodyText.contains("C-1002"))
    }

    @Test func whenEveryWorkloadIsTakenOverTheOlderAssociationEnds() throws {
        let world = try World()
        let older = try world.submittedClaim(by: Self.contoso, name: "Teams at Northwind", products: ["teams"], location: "4100001")
        _ = try world.approve("C-1001")
        world.clock.advance(days: 21)
        _ = try world.submittedClaim(by: Self.fabrikam, name: "Teams voice at Northwind", products: ["teams"], location: "5200001")
        _ = try world.approve("C-1002")

        #expect(try world.claim("C-1001").state == .ended)
        let contoso = world.as(Self.contoso)
        let page = contoso.send("GET", older).bodyText
        #expect(page.contains(#"<span class="badge badge-bad">Ended: replaced by a claim with more recent proof of execution</span>"#))
        #expect(!page.contains(#"action="\#(older)/documents""#), "an ended association takes no more PoE")
        let dashboard = contoso.send("GET", "/claims?state=ended").bodyText
        #expect(dashboard.contains("Teams at Northwind") && dashboard.contains("Ended: replaced by a claim with more recent proof of execution"))
        let history = contoso.send("GET", older + "/history").bodyText
        #expect(history.contains("Approved → Ended"))
        let email = try #require(try world.app.application.outbox.recent(limit: 20).first { $0.email.kind == .associationReplaced })
        let message = try world.app.application.composer(linkBase: "https://cpor.example").compose(email)
        #expect(message.textBody.contains("Nothing remains on your claim: the association has ended."))
        // The reviewer reads the same on the older claim's page.
        let review = world.as(ReviewTests.rita).send("GET", "/review/C-1001").bodyText
        #expect(review.contains("Ended: replaced by a claim with more recent proof of execution"))
    }

    @Test func fresherPoEOnTheApprovedAssociationKeepsItAndApprovalWaits() throws {
        let world = try World()
        let older = try world.submittedClaim(by: Self.contoso, name: "Teams at Northwind", products: ["teams"], location: "4100001")
        _ = try world.approve("C-1001")
        world.clock.advance(days: 21)
        _ = try world.submittedClaim(by: Self.fabrikam, name: "Teams voice at Northwind", products: ["teams"], location: "5200001")
        // Contoso shows ongoing work the next day.
        world.clock.advance(days: 1)
        #expect(world.as(Self.contoso).uploadPDF(to: older, filename: "december-usage.pdf").status == 303)

        let rita = world.as(ReviewTests.rita)
        #expect(rita.post("/review/C-1002/start", [("version", try rita.version(of: "C-1002"))]).status == 303)
        let review = rita.send("GET", "/review/C-1002").bodyText
        #expect(review.contains("C-1001 is approved and its proof of execution is at least as recent: it keeps Microsoft Teams"))
        #expect(review.contains("Approval is blocked until the competing claims are resolved: C-1001"))
        let refused = rita.post("/review/C-1002/approve", [("version", try rita.version(of: "C-1002")), ("confirmed", "yes")])
        #expect(refused.status == 409)
        #expect(try world.claim("C-1001").state == .approved)
        #expect(try world.claim("C-1002").state == .inReview)
    }
}
