import Claims
import Foundation
import Testing
@testable import App

/// `?inline=1` on a PoE download: PDFs and images shown in place under a sandbox of their own,
/// everything else still a download; the review page links the preview where there is one.
@Suite struct DocumentPreviewTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0, 1]
    static let email = "Return-Path: <ops@contoso.example>\r\n"
        + "Received: from mail.contoso.example by mx.example; Tue, 4 Nov 2025 09:12:00 +0100\r\n"
        + "From: Ops <ops@contoso.example>\r\nTo: claims@example.org\r\n"
        + "Subject: Proof of execution\r\nDate: Tue, 4 Nov 2025 09:12:00 +0100\r\n"
        + "Message-ID: <123@contoso.example>\r\nMIME-Version: 1.0\r\n\r\nThe workshop took place.\r\n"

    let partner: TestApp
    let path: String
    /// Document paths by filename.
    let documents: [String: String]

    init() throws {
        partner = try TestApp()
        partner.login("incentives@contoso.example")
        path = partner.createCompleteClaim()
        let uploaded = partner.upload(path + "/documents", [
            .field("_csrf", partner.sessionCSRF),
            .file(name: "documents", filename: "poe.pdf", contentType: "application/pdf", bytes: PartnerFixtures.pdf),
            .file(name: "documents", filename: "photo.png", contentType: "image/png", bytes: Self.png),
            .file(name: "documents", filename: "scan.jpg", contentType: "image/jpeg", bytes: Self.jpeg),
            .file(name: "documents", filename: "thread.eml", contentType: "message/rfc822", bytes: Array(Self.email.utf8)),
        ])
        #expect(uploaded.status == 303)
        let claim = try #require(try partner.application.claims.claim(ClaimID("C-1001")))
        let claimPath = path
        documents = Dictionary(uniqueKeysWithValues: claim.evidence.map {
            ($0.filename, claimPath + "/documents/" + $0.id.rawValue)
        })
        _ = partner.send("POST", path + "/submit", form: [("_csrf", partner.sessionCSRF), ("version", partner.version(on: path + "/submit"))])
    }

    func reviewer() throws -> TestApp.Session {
        let session = try TestApp.Session(partner)
        session.login(ReviewTests.rita)
        return session
    }

    @Test func aReviewerPreviewsPDFsAndImagesInASandbox() throws {
        let reviewer = try reviewer()
        for (filename, type) in [("poe.pdf", "application/pdf"), ("photo.png", "image/png"), ("scan.jpg", "image/jpeg")] {
            let response = reviewer.send("GET", try #require(documents[filename]) + "?inline=1")
            #expect(response.status == 200, "\(filename)")
            #expect(response.headers["Content-Type"] == type)
            #expect(response.headers["Content-Disposition"] == "inline; filename=\"\(filename)\"; filename*=UTF-8''\(filename)")
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(response.headers["Content-Security-Policy"]
                    == "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
            #expect(response.headers["Cache-Control"] == "private, no-store")
        }
    }

    @Test func otherTypesAndPlainDownloadsStayAttachments() throws {
        let reviewer = try reviewer()
        let email = reviewer.send("GET", try #require(documents["thread.eml"]) + "?inline=1")
        #expect(email.status == 200)
        #expect(email.headers["Content-Type"] == "message/rfc822")
        #expect(email.headers["Content-Disposition"]?.hasPrefix("attachment; ") == true)
        #expect(email.headers["Content-Security-Policy"]?.hasPrefix("sandbox") == false)
        let pdf = reviewer.send("GET", try #require(documents["poe.pdf"]))
        #expect(pdf.headers["Content-Disposition"]?.hasPrefix("attachment; ") == true)
        #expect(pdf.headers["Content-Security-Policy"]?.hasPrefix("sandbox") == false)
    }

    @Test func theOwningOrganizationMayPreviewAnotherMayNot() throws {
        let own = partner.send("GET", try #require(documents["poe.pdf"]) + "?inline=1")
        #expect(own.status == 200 && own.headers["Content-Disposition"]?.hasPrefix("inline; ") == true)
        let fabrikam = try TestApp.Session(partner)
        fabrikam.login("incentives@fabrikam.example")
        #expect(fabrikam.send("GET", try #require(documents["poe.pdf"]) + "?inline=1").status == 404)
        let anonymous = try TestApp.Session(partner)
        #expect(anonymous.send("GET", try #require(documents["poe.pdf"]) + "?inline=1").status != 200)
    }

    @Test func theReviewPageLinksAPreviewForPDFsAndImagesOnly() throws {
        let page = try reviewer().send("GET", "/review/C-1001").bodyText
        for filename in ["poe.pdf", "photo.png", "scan.jpg"] {
            #expect(page.contains(#"<a href="\#(try #require(documents[filename]))?inline=1" target="_blank" rel="noopener">Preview"#),
                    "\(filename)")
        }
        #expect(!page.contains(try #require(documents["thread.eml"]) + "?inline=1"))
    }
}
