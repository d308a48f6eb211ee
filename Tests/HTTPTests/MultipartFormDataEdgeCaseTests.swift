import Foundation
import Testing
@testable import HTTP
import TestSupport

/// Bodies that bend or break RFC 2046 / RFC 7578, one rule per test.
@Suite struct MultipartFormDataEdgeCaseTests {
    let contentType = "multipart/form-data; boundary=XyZ"

    func parse(_ text: String, limits: MultipartLimits = MultipartLimits(), spool: TemporaryDirectory) throws -> [MultipartPart] {
        try MultipartFormData.parse(.bytes(Array(text.utf8)), contentType: contentType, limits: limits, spoolDirectory: spool.path)
    }

    func expectError(_ kind: MultipartError.Kind, status: HTTPStatus, _ text: String, limits: MultipartLimits = MultipartLimits()) throws {
        let spool = try TemporaryDirectory()
        let error = #expect(throws: MultipartError.self) { try parse(text, limits: limits, spool: spool) }
        #expect(error?.kind == kind)
        #expect(error?.status == status)
        #expect(try spool.contents().isEmpty, "files written before the error are deleted")
    }

    @Test func acceptsTransportPaddingAfterDelimiters() throws {
        let spool = try TemporaryDirectory()
        let parts = try parse("--XyZ \t\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ-- trailing\r\n", spool: spool)
        #expect(parts == [.field(name: "a", value: "1")])
    }

    @Test func keepsBoundaryLookalikesInContent() throws {
        let spool = try TemporaryDirectory()
        let value = "--XyZ at line start without CRLF before\r\n--XyZZ\r\n-XyZ\r\n--Xy\r\n--XyZ\tx\r\nend"
        let parts = try parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n\(value)\r\n--XyZ--", spool: spool)
        #expect(parts.field("a") == value)
    }

    @Test func keepsEmptyValuesAndEmptyFiles() throws {
        let spool = try TemporaryDirectory()
        let parts = try parse(
            "--XyZ\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"poe\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--XyZ--",
            spool: spool
        )
        #expect(parts.field("empty") == "")
        let file = try #require(parts.files.first)
        #expect(file.size == 0)
        #expect(file.filename == "upload")
        #expect(file.sha256Hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(FileManager.default.fileExists(atPath: file.path))
    }

    @Test func prefersExtendedFilenameAndUnescapesQuotedOnes() throws {
        let spool = try TemporaryDirectory()
        let parts = try parse(
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"fallback.pdf\"; filename*=UTF-8''%E2%82%AC%20rates.pdf\r\n\r\nx\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"b\"; filename=\"my \\\"best\\\" doc; final.pdf\"\r\n\r\ny\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"c\"; filename=\"%22quoted%22.pdf\"\r\n\r\nz\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"d\"; filename=\"C:\\evil\\a.pdf\"\r\n\r\nw\r\n"
                + "--XyZ\r\ncontent-disposition: FORM-DATA; filename*=iso-8859-1'da'K%F8benhavn.pdf; name=e\r\n\r\nv\r\n"
                + "--XyZ--",
            spool: spool
        )
        #expect(parts.files.map(\.filename) == ["€ rates.pdf", "my \"best\" doc; final.pdf", "\"quoted\".pdf", "a.pdf", "København.pdf"])
        #expect(parts.files.map(\.name) == ["a", "b", "c", "d", "e"])
    }

    @Test func decodesUTF8FieldNamesAndValues() throws {
        let spool = try TemporaryDirectory()
        let parts = try parse("--XyZ\r\nContent-Disposition: form-data; name=\"bemærkning\"\r\n\r\nSkade på kælder\r\n--XyZ--", spool: spool)
        #expect(parts == [.field(name: "bemærkning", value: "Skade på kælder")])
    }

    @Test func refusesBodyWithoutCloseDelimiter() throws {
        try expectError(.missingFinalBoundary, status: 400, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7")
        try expectError(.missingFinalBoundary, status: 400, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ\r\n")
        try expectError(.missingFinalBoundary, status: 400, "name=value")
        try expectError(.missingFinalBoundary, status: 400, "")
    }

    @Test func refusesBareLineFeeds() throws {
        try expectError(.missingFinalBoundary, status: 400, "--XyZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XyZ--\n")
    }

    @Test func refusesPartsWithoutAName() throws {
        try expectError(.malformed, status: 400, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--")
        try expectError(.malformed, status: 400, "--XyZ\r\n\r\n1\r\n--XyZ--")
        try expectError(.malformed, status: 400, "--XyZ\r\nContent-Disposition: form-data; filename=\"a.pdf\"\r\n\r\n1\r\n--XyZ--")
        try expectError(.malformed, status: 400, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ--")
        try expectError(.malformed, status: 400, "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--")
        try expectError(.malformed, status: 400, "--XyZ\r\nno colon here\r\n\r\n1\r\n--XyZ--")
    }

    @Test func deletesEarlierFilesWhenALaterPartIsBad() throws {
        try expectError(.malformed, status: 400,
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.pdf\"\r\n\r\n%PDF-1.7\r\n"
                + "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--")
    }

    @Test func enforcesPartAndSizeLimits() throws {
        let tinyPart = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
        try expectError(.tooManyParts, status: 413, String(repeating: tinyPart, count: 51) + "--XyZ--")
        let limits = MultipartLimits(maxParts: 3, maxFieldBytes: 4, maxFileBytes: 5, maxHeaderBytes: 70)
        try expectError(.tooManyParts, status: 413, String(repeating: tinyPart, count: 4) + "--XyZ--", limits: limits)
        try expectError(.fieldTooLarge(field: "a"), status: 413,
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n12345\r\n--XyZ--", limits: limits)
        try expectError(.fileTooLarge(field: "f", filename: "a.pdf"), status: 413,
            "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../a.pdf\"\r\n\r\n123456\r\n--XyZ--", limits: limits)
        try expectError(.headerTooLarge, status: 413,
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Padding: \(String(repeating: "p", count: 30))\r\n\r\n1\r\n--XyZ--", limits: limits)
        try expectError(.headerTooLarge, status: 413,
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; \(String(repeating: "p", count: 100))", limits: limits)

        let spool = try TemporaryDirectory()
        let atLimits = String(repeating: "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1234\r\n", count: 2)
            + "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n\r\n12345\r\n--XyZ--"
        #expect(try parse(atLimits, limits: limits, spool: spool).count == 3)
        let exactHeader = "Content-Disposition: form-data; name=\"h\"\r\nX: " + String(repeating: "p", count: 23) + "\r\n"
        #expect(exactHeader.utf8.count == 70)
        let headerAtLimit = "--XyZ\r\n" + exactHeader + "\r\nv\r\n--XyZ--"
        for chunkSize in [1, 7, 64] {
            let parts = try MultipartFormData.parse(.bytes(Array(headerAtLimit.utf8)), contentType: contentType, limits: limits, spoolDirectory: spool.path, chunkSize: chunkSize)
            #expect(parts == [.field(name: "h", value: "v")])
        }
    }

    @Test func refusesOversizedFileEarlyAndLeavesNoFiles() throws {
        let spool = try TemporaryDirectory()
        let head = Array("--XyZ\r\nContent-Disposition: form-data; name=\"poe\"; filename=\"big.pdf\"\r\n\r\n".utf8)
        let limits = MultipartLimits()
        let bodyPath = try spool.write(head + [UInt8](repeating: 0x41, count: limits.maxFileBytes + 1024 * 1024), named: "request-body")
        // The body claims far more bytes than the file holds: reading that far would fail with an
        // I/O error, so getting fileTooLarge shows that parsing stopped at the limit.
        let body = HTTPBody.file(path: bodyPath, length: 100 * 1024 * 1024)
        let error = #expect(throws: MultipartError.self) {
            try MultipartFormData.parse(body, contentType: contentType, limits: limits, spoolDirectory: spool.path)
        }
        #expect(error?.kind == .fileTooLarge(field: "poe", filename: "big.pdf"))
        #expect(error?.status == 413)
        #expect(try spool.contents() == ["request-body"])
    }

    @Test func refusesOtherMediaTypesAndMissingBoundaries() throws {
        let spool = try TemporaryDirectory()
        let body = HTTPBody.bytes(Array("--XyZ--".utf8))
        let notForm = #expect(throws: MultipartError.self) {
            try MultipartFormData.parse(body, contentType: "application/x-www-form-urlencoded", spoolDirectory: spool.path)
        }
        #expect(notForm?.status == 415)
        let noBoundary = #expect(throws: MultipartError.self) {
            try MultipartFormData.parse(body, contentType: "multipart/form-data", spoolDirectory: spool.path)
        }
        #expect(noBoundary?.kind == .missingBoundary)
        #expect(noBoundary?.status == 400)
    }

    @Test func readsBoundaryFromContentType() {
        #expect(MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartFormData.boundary(fromContentType: "Multipart/Form-Data;BOUNDARY=\"a b:c\"") == "a b:c")
        #expect(MultipartFormData.boundary(fromContentType: "multipart/mixed; charset=utf-8; boundary=\"x;y\"") == nil)
        #expect(MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=" + String(repeating: "b", count: 70))?.count == 70)
        #expect(MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=" + String(repeating: "b", count: 71)) == nil)
        #expect(MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=") == nil)
        #expect(MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=\"trailing \"") == nil)
        #expect(MultipartFormData.boundary(fromContentType: "text/plain; boundary=abc") == nil)
        #expect(MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=\"open") == nil)
    }

    @Test func parsesUploadsFromARequest() throws {
        let spool = try TemporaryDirectory()
        let request = HTTPRequest(
            method: "POST", target: "/claims/1/poe",
            headers: ["Content-Type": contentType],
            body: .bytes(Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--".utf8))
        )
        #expect(try request.multipartParts(spoolDirectory: spool.path) == [.field(name: "a", value: "1")])
    }
}
