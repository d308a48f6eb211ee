import Foundation
import Testing
import Claims
import Digest
import HTTP
@testable import App

@Suite struct PartnerUploadTests {
    func draft() throws -> (TestApp, String) {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        return (app, app.createCompleteClaim())
    }

    func evidenceCount(_ app: TestApp) throws -> Int {
        try app.application.claims.claim(ClaimID("C-1001"))?.evidence.count ?? -1
    }

    @Test func aPDFIsStoredByItsDigestAndDownloadedAsAnAttachment() throws {
        let (app, path) = try draft()
        #expect(app.uploadPDF(to: path, filename: "Prueba de ejecución; firmada.pdf").status == 303)
        let document = try #require(try app.application.claims.claim(ClaimID("C-1001"))?.evidence.first)
        let digest = SHA256.hex(SHA256.hash(PartnerFixtures.pdf))
        #expect(document.sha256 == digest)
        let stored = app.folder + "/documents/" + digest.prefix(2) + "/" + digest.dropFirst(2)
        #expect(FileManager.default.contents(atPath: stored).map(Array.init) == PartnerFixtures.pdf)
        #expect((try FileManager.default.contentsOfDirectory(atPath: app.folder + "/documents/.incoming")).isEmpty)

        let response = app.send("GET", path + "/documents/" + document.id.rawValue)
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/pdf")
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
        let disposition = try #require(response.headers["Content-Disposition"])
        #expect(disposition.hasPrefix("attachment; filename=\"Prueba de ejecuci_n_ firmada.pdf\""))
        #expect(disposition.contains("filename*=UTF-8''Prueba%20de%20ejecuci%C3%B3n%3B%20firmada.pdf"))
        #expect(response.body == .file(path: stored, length: PartnerFixtures.pdf.count))

        // The same bytes again are a second upload on the claim, and one file on disk.
        #expect(app.uploadPDF(to: path).status == 303)
        #expect(try evidenceCount(app) == 2)
    }

    @Test func severalFilesInOneUpload() throws {
        let (app, path) = try draft()
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
        let response = app.upload(path + "/documents", [
            .field("_csrf", app.sessionCSRF),
            .file(name: "documents", filename: "a.pdf", contentType: "application/pdf", bytes: PartnerFixtures.pdf),
            .file(name: "documents", filename: "photo.png", contentType: "image/png", bytes: png),
        ])
        #expect(response.status == 303)
        #expect(try app.application.claims.claim(ClaimID("C-1001"))?.evidence.map(\.contentType) == ["application/pdf", "image/png"])
    }

    @Test func aFileIsJudgedByItsBytesNotItsName() throws {
        let (app, path) = try draft()
        let response = app.upload(path + "/documents", [
            .field("_csrf", app.sessionCSRF),
            .file(name: "documents", filename: "invoice.pdf", contentType: "application/pdf", bytes: Array("MZ\u{90}\0 not a pdf".utf8)),
        ])
        #expect(response.status == 415)
        #expect(response.bodyText.contains("“invoice.pdf” is not a PDF"))
        #expect(response.bodyText.contains(#"id="documents-error""#))
        #expect(try evidenceCount(app) == 0)
        #expect((try FileManager.default.contentsOfDirectory(atPath: app.folder + "/documents/.incoming")).isEmpty)
    }

    @Test func anEmptyFileIsRefused() throws {
        let (app, path) = try draft()
        let response = app.upload(path + "/documents", [
            .field("_csrf", app.sessionCSRF),
            .file(name: "documents", filename: "blank.pdf", contentType: "application/pdf", bytes: []),
        ])
        #expect(response.status == 422 && response.bodyText.contains("“blank.pdf” is empty"))
        let nothing = app.upload(path + "/documents", [
            .field("_csrf", app.sessionCSRF),
            .file(name: "documents", filename: "", contentType: "application/octet-stream", bytes: []),
        ])
        #expect(nothing.status == 422 && nothing.bodyText.contains("Choose at least one file"))
        #expect(try evidenceCount(app) == 0)
    }

    @Test func aFileOverTheLimitIs413() throws {
        let (app, path) = try draft()
        let huge = PartnerFixtures.pdf + [UInt8](repeating: 0x20, count: 10 * 1024 * 1024)
        let response = app.upload(path + "/documents", [
            .field("_csrf", app.sessionCSRF),
            .file(name: "documents", filename: "scan.pdf", contentType: "application/pdf", bytes: huge),
        ])
        #expect(response.status == 413)
        #expect(response.bodyText.contains("“scan.pdf” is too large: a document may be at most 10.0 MB"))
        #expect(try evidenceCount(app) == 0)
        #expect((try FileManager.default.contentsOfDirectory(atPath: app.folder + "/documents/.incoming")).isEmpty)
    }

    /// ASVS V3.5: an upload whose body cannot be read is still checked against the form's token,
    /// read from the fields before the failure; without it the answer is the CSRF refusal.
    @Test func anUnreadableUploadIsCheckedForItsToken() throws {
        let (app, path) = try draft()
        let huge = PartnerFixtures.pdf + [UInt8](repeating: 0x20, count: 10 * 1024 * 1024)
        for token in [nil, "forged-token-forged-token-forged-token"] {
            let parts: [PartnerPart] = (token.map { [.field("_csrf", $0)] } ?? [])
                + [.file(name: "documents", filename: "scan.pdf", contentType: "application/pdf", bytes: huge)]
            let response = app.upload(path + "/documents", parts)
            #expect(response.status == 403, "token \(token ?? "missing")")
            #expect(!response.bodyText.contains("scan.pdf"))
        }
        let truncated = app.upload(path + "/documents", [
            .field("_csrf", "forged-token-forged-token-forged-token"),
            .file(name: "documents", filename: "a.pdf", contentType: "application/pdf", bytes: PartnerFixtures.pdf),
        ], close: false)
        #expect(truncated.status == 403)
        #expect(try evidenceCount(app) == 0)
    }

    @Test func aBodyWithoutItsFinalBoundaryChangesNothing() throws {
        let (app, path) = try draft()
        let response = app.upload(path + "/documents", [
            .field("_csrf", app.sessionCSRF),
            .file(name: "documents", filename: "a.pdf", contentType: "application/pdf", bytes: PartnerFixtures.pdf),
        ], close: false)
        #expect(response.status == 400 && response.bodyText.contains("did not arrive complete"))
        #expect(try evidenceCount(app) == 0)
    }

    @Test func anUploadWithoutTheCSRFTokenIsRefused() throws {
        let (app, path) = try draft()
        let response = app.upload(path + "/documents", [
            .file(name: "documents", filename: "a.pdf", contentType: "application/pdf", bytes: PartnerFixtures.pdf),
        ])
        #expect(response.status == 403)
        #expect(try evidenceCount(app) == 0)
    }
}
