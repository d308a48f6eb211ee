import Claims
import Foundation
import Testing
@testable import App

/// The partner's side of a reviewer's decision, through the pages: answering a request for action
/// and disputing a rejection, each with the reviewer in their own session on the same app.
@Suite struct PartnerReviewRoundTripTests {
    let partner: TestApp
    let reviewer: TestApp.Session
    let path: String
    let id = ClaimID("C-1001")

    /// A submitted claim for Teams and Exchange Online, with the reviewer's review started.
    init() throws {
        (partner, reviewer, path) = try TestApp.claimInReview()
    }

    func version() throws -> String { String(try partner.application.claims.claim(id)?.version ?? -1) }
    func state() throws -> ClaimState? { try partner.application.claims.claim(id)?.state }

    @Test func thePartnerRemovesTheProductCommentsAndResubmitsThenTheReviewerApproves() throws {
        let requested = reviewer.post("/review/C-1001/request-action", [
            ("version", try version()), ("confirmed", "yes"), ("partner_action_reason", "missing_customer_signature"),
            ("remove_product", "exchange_online"), ("comment", "The PoE covers Teams only."),
        ])
        #expect(requested.status == 303)
        #expect(try state() == .partnerActionRequired)

        let page = partner.send("GET", path).bodyText
        #expect(page.contains("Missing customer signature") && page.contains("The PoE covers Teams only."))
        #expect(page.contains("Respond and resubmit"))
        let form = partner.send("GET", path + "/respond").bodyText
        #expect(form.contains(#"name="remove" value="exchange_online" checked"#), "the product to remove comes ticked")

        let responded = partner.upload(path + "/respond", [
            .field("_csrf", partner.sessionCSRF), .field("version", partner.version(on: path + "/respond")),
            .field("remove", "exchange_online"), .field("comment", "Exchange removed; signature attached."),
        ])
        #expect(responded.status == 303)
        #expect(responded.headers["Location"] == path + "?done=responded")
        let claim = try #require(try partner.application.claims.claim(id))
        #expect(claim.details.products == [.teams])
        #expect(claim.state == .inReview)
        #expect(claim.comments.last?.text == "Exchange removed; signature attached.")
        #expect(partner.send("GET", path + "?done=responded").bodyText.contains("back in review"))
        // The history keeps the reviewer's reasons beside the state change.
        let history = partner.send("GET", path + "/history").bodyText
        #expect(history.contains("Reasons: Missing customer signature"))
        // An assignment reads with the reviewer's name for the partner too, not an account number.
        #expect(history.contains("Assigned to Rita Reviewer"))

        #expect(reviewer.send("GET", "/review/C-1001").bodyText.contains("Exchange removed; signature attached."))
        #expect(reviewer.post("/review/C-1001/approve", [("version", try version()), ("confirmed", "yes")]).status == 303)
        #expect(try state() == .approved)
    }

    @Test func thePartnerDisputesARejectionAndTheReviewerOverturnsIt() throws {
        let rejected = reviewer.post("/review/C-1001/reject", [
            ("version", try version()), ("confirmed", "yes"), ("rejection_reason", "insufficient_poe"),
            ("comment", "No Teams usage shown."),
        ])
        #expect(rejected.status == 303)
        #expect(try state() == .rejected)
        let dashboard = partner.send("GET", "/claims").bodyText
        #expect(dashboard.contains("Rejected") && dashboard.contains("Insufficient proof of execution"),
                "the dashboard says why a claim was rejected")
        #expect(partner.send("GET", path).bodyText.contains("Dispute the rejection"))

        let disputed = partner.upload(path + "/dispute", [
            .field("_csrf", partner.sessionCSRF), .field("version", partner.version(on: path + "/dispute")),
            .field("justification", "Page 2 is the Teams usage report."),
        ])
        #expect(disputed.status == 303)
        #expect(disputed.headers["Location"] == path + "?done=disputed")
        #expect(try state() == .disputed)
        let page = partner.send("GET", path + "?done=disputed").bodyText
        #expect(page.contains("Page 2 is the Teams usage report.") && !page.contains(">Dispute the rejection<"))
        // Disputing twice is refused.
        let again = partner.upload(path + "/dispute", [
            .field("_csrf", partner.sessionCSRF), .field("version", try version()), .field("justification", "Again."),
        ])
        #expect(again.status != 303)

        #expect(reviewer.send("GET", "/review/C-1001").bodyText.contains("Page 2 is the Teams usage report."))
        let decided = reviewer.post("/review/C-1001/decide-dispute", [
            ("version", try version()), ("confirmed", "yes"), ("decision", "overturn"), ("comment", "Agreed."),
        ])
        #expect(decided.status == 303)
        #expect(try state() == .approved)
        let outcome = partner.send("GET", path).bodyText
        #expect(outcome.contains("Approved") && outcome.contains("Overturn the rejection"))
        #expect(!partner.send("GET", "/claims").bodyText.contains("Insufficient proof of execution"),
                "an overturned rejection no longer shows on the dashboard")
    }
}
