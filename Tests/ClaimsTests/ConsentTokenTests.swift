import Digest
import Foundation
import Testing
@testable import Claims

/// The claim keeps only the token's SHA-256; the token itself lives in the consent e-mail.
struct ConsentTokenTests {
    @Test func anApprovalStoresTheHashNotTheToken() throws {
        let approval = try #require(Fixtures.claim(in: .approved).approval)
        #expect(approval.consentTokenHash == SHA256.hexHash(Fixtures.consentToken.rawValue))
        let json = String(decoding: try JSONEncoder().encode(Fixtures.claim(in: .approved)), as: UTF8.self)
        #expect(!json.contains(Fixtures.consentToken.rawValue))
        #expect(json.contains(approval.consentTokenHash))
    }

    @Test func onlyTheExactTokenMatches() {
        let token = ConsentToken("s3cret-token")
        #expect(token.matches(hash: token.hash))
        #expect(!ConsentToken("s3cret-tokeN").matches(hash: token.hash))
        #expect(!ConsentToken("").matches(hash: token.hash))
        #expect(!token.matches(hash: ""))
        #expect(!token.matches(hash: String(token.hash.dropLast())))
    }

    @Test func anApprovalStoredBeforeHashingStillAcceptsItsToken() throws {
        let legacy = #"{"approvedAt":0,"approvedBy":"r1","consentWindow":{"opensAt":0,"closesAt":604800},"consentToken":"old-link"}"#
        let approval = try JSONDecoder().decode(Approval.self, from: Data(legacy.utf8))
        #expect(approval.accepts(ConsentToken("old-link")))
        #expect(approval.consentTokenHash == ConsentToken("old-link").hash)
        let reencoded = String(decoding: try JSONEncoder().encode(approval), as: UTF8.self)
        #expect(!reencoded.contains("old-link"))
    }

    @Test func denyingNeedsTheCurrentTokenAndAnOpenWindow() throws {
        let approved = Fixtures.claim(in: .approved)
        let window = try #require(approved.approval?.consentWindow)
        #expect(throws: ClaimError.invalidConsentToken) {
            try approved.applying(.denyConsent(token: ConsentToken("guess"), reason: ""), by: .customer,
                                  at: window.opensAt, rules: Fixtures.rules)
        }
        #expect(throws: ClaimError.windowClosed(.consentWindow, closedAt: window.closesAt)) {
            try approved.applying(.denyConsent(token: Fixtures.consentToken, reason: ""), by: .customer,
                                  at: window.closesAt, rules: Fixtures.rules)
        }
        let denied = try approved.applying(.denyConsent(token: Fixtures.consentToken, reason: "Not them"), by: .customer,
                                           at: window.opensAt.addingTimeInterval(60), rules: Fixtures.rules)
        #expect(denied.claim.state == .rejectedFinal)
        #expect(!denied.history.contains { $0.messageArguments.values.contains(Fixtures.consentToken.rawValue) })
    }
}
