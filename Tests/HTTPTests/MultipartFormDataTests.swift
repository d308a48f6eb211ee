import Foundation
import Testing
@testable import HTTP
import TestSupport

@Suite struct MultipartFormDataTests {
    static let contentType = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk"

    /// A browser-style body: a preamble, two fields, a file with a CRLF and a fake delimiter in
    /// it, and an epilogue.
    static let body = Array((
        "This preamble is ignored.\r\n"
            + "------WebKitFormBoundary7MA4YWxk\r\n"
            + "Content-Disposition: form-data; name=\"title\"\r\n"
            + "\r\n"
            + "Water damage\r\n"
            + "------WebKitFormBoundary7MA4YWxk\r\n"
            + "Content-Disposition: form-data; name=\"note\"\r\n"
            + "\r\n"
            + "line one\r\nline two\r\n"
            + "------WebKitFormBoundary7MA4YWxk\r\n"
            + "Content-Disposition: form-data; name=\"poe\"; filename=\"invoice.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n"
            + "\r\n"
            + "%PDF-1.7\r\n------WebKitFormBoundary7MA4YWxkX\r\nnot a delimiter\r\n"
            + "------WebKitFormBoundary7MA4YWxk--\r\n"
            + "This epilogue is ignored too.\r\n"
    ).utf8)

    static let fileContent = "%PDF-1.7\r\n------WebKitFormBoundary7MA4YWxkX\r\nnot a delimiter"

    @Test func parsesFieldsAndStreamsFilesToDisk() throws {
        let spool = try TemporaryDirectory()
        let parts = try MultipartFormData.parse(.bytes(Self.body), contentType: Self.contentType, spoolDirectory: spool.path)
        try expectBrowserExample(parts, spool: spool)
    }

    @Test func parsesBodiesSpooledToFile() throws {
        let spool = try TemporaryDirectory()
        let bodyPath = try spool.write(Self.body, named: "request-body")
        let body = HTTPBody.file(path: bodyPath, length: Self.body.count)
        let parts = try MultipartFormData.parse(body, contentType: Self.contentType, spoolDirectory: spool.path)
        try expectBrowserExample(parts, spool: spool, alsoPresent: ["request-body"])
    }

    @Test func findsBoundariesSplitAcrossEveryChunkSize() throws {
        let spool = try TemporaryDirectory()
        let bodyPath = try spool.write(Self.body, named: "request-body")
        for chunkSize in 1...80 {
            for body in [HTTPBody.bytes(Self.body), .file(path: bodyPath, length: Self.body.count)] {
                let parts = try MultipartFormData.parse(body, contentType: Self.contentType, spoolDirectory: spool.path, chunkSize: chunkSize)
                #expect(parts.field("note") == "line one\r\nline two", "chunk size \(chunkSize)")
                let file = try #require(parts.files.first)
                #expect(try Array(Data(contentsOf: URL(fileURLWithPath: file.path))) == Array(Self.fileContent.utf8), "chunk size \(chunkSize)")
                parts.removeTemporaryFiles()
            }
        }
        #expect(try spool.contents() == ["request-body"])
    }

    /// Content built from pieces of the delimiter, so near-misses of every kind fall on
    /// every chunk edge; whatever the chunking, each part comes back byte for byte.
    @Test func keepsContentMadeOfDelimiterFragments() throws {
        let spool = try TemporaryDirectory()
        let pieces = ["\r\n--XyZ", "\r\n--Xy", "\r\n", "--", "XyZ", "-", "\r", "\n", " ", "\t", "a"].map { Array($0.utf8) }
        var random = SeededGenerator(seed: 7)
        var checked = 0
        while checked < 150 {
            let content = (0..<Int.random(in: 0...12, using: &random)).flatMap { _ in pieces.randomElement(using: &random)! }
            guard !Self.containsDelimiterLine(content) else { continue }
            checked += 1
            let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n\r\n".utf8)
                + content + Array("\r\n--XyZ--".utf8)
            for chunkSize in [1, 2, 3, 5, 8, 13, 64 * 1024] {
                let parts = try MultipartFormData.parse(.bytes(body), contentType: "multipart/form-data; boundary=XyZ", spoolDirectory: spool.path, chunkSize: chunkSize)
                let file = try #require(parts.files.first)
                #expect(try Array(Data(contentsOf: URL(fileURLWithPath: file.path))) == content, "\(content) in chunks of \(chunkSize)")
                parts.removeTemporaryFiles()
            }
        }
    }

    /// CRLF--XyZ followed by `--`, whitespace, CRLF or the end: what a parser must take as a delimiter.
    static func containsDelimiterLine(_ content: [UInt8]) -> Bool {
        let delimiter = Array("\r\n--XyZ".utf8)
        let text = content + [0x0D, 0x0A]
        for start in text.indices where text[start...].starts(with: delimiter) {
            let after = start + delimiter.count
            if after == text.count || [UInt8(ascii: "-"), 0x20, 0x09, 0x0D].contains(text[after]) { return true }
        }
        return false
    }

    private func expectBrowserExample(_ parts: [MultipartPart], spool: TemporaryDirectory, alsoPresent: [String] = []) throws {
        #expect(parts.map(\.name) == ["title", "note", "poe"])
        #expect(parts.field("title") == "Water damage")
        #expect(parts.field("note") == "line one\r\nline two")
        let file = try #require(parts.files.first)
        #expect(file.name == "poe")
        #expect(file.filename == "invoice.pdf")
        #expect(file.declaredContentType == "application/pdf")
        #expect(file.size == Self.fileContent.utf8.count)
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == Self.fileContent)
        #expect(file.sha256Hex == "9f1cea41288bd79a25ecb8b47d1dbc45eb332f6c3bcd307be300ffb81ab1a385")
        #expect(file.path.hasPrefix(spool.path + "/upload-"))
        #expect(try spool.contents() == (alsoPresent + [URL(fileURLWithPath: file.path).lastPathComponent]).sorted())
        parts.removeTemporaryFiles()
        #expect(try spool.contents() == alsoPresent)
    }
}
