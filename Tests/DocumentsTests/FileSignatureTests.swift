import Foundation
import Testing
@testable import Documents
import TestSupport

@Suite struct FileSignatureTests {
    static let email = "Return-Path: <ops@contoso.example>\r\n"
        + "Received: from mail.contoso.example by mx.example; Tue, 4 Nov 2025 09:12:00 +0100\r\n"
        + "\tfor <claims@example.org>\r\n"
        + "From: Ops <ops@contoso.example>\r\nTo: claims@example.org\r\n"
        + "Subject: Proof of execution\r\nDate: Tue, 4 Nov 2025 09:12:00 +0100\r\n"
        + "Message-ID: <123@contoso.example>\r\nMIME-Version: 1.0\r\n\r\nThe workshop took place.\r\n"

    func sniff(_ bytes: [UInt8]) throws -> DocumentType? {
        let directory = try TemporaryDirectory()
        let fromFile = try FileSignature.documentType(ofFileAt: directory.write(bytes))
        return fromFile
    }

    @Test func recognisesEachDocumentTypeByItsBytes() throws {
        let examples: [(DocumentType, [UInt8])] = [
            (.pdf, Array("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8)),
            (.png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)),
            (.jpeg, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0]),
            (.docx, ZipArchiveBuilder.officeDocument(mainFolder: "word")),
            (.xlsx, ZipArchiveBuilder.officeDocument(mainFolder: "xl")),
            (.msg, CompoundFileBuilder.build(entryNames: ["__nameid_version1.0", "__substg1.0_0037001F", "__properties_version1.0"])),
            (.eml, Array(Self.email.utf8)),
        ]
        for (type, bytes) in examples {
            #expect(try sniff(bytes) == type, "\(type)")
            #expect(FileSignature.documentType(prefix: bytes) == type, "\(type) from the prefix alone")
        }
        #expect(examples.map(\.0) == DocumentType.allCases)
    }

    @Test func refusesOtherContentWhateverItIsCalled() throws {
        var plainZip = ZipArchiveBuilder()
        plainZip.add("word/readme.txt", "a zip with a word folder but no [Content_Types].xml")
        let refused: [(String, [UInt8])] = [
            ("HTML named .pdf", Array("<!DOCTYPE html><html><body>%PDF-1.4</body></html>".utf8)),
            ("ELF executable", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 56)),
            ("Windows executable", Array("MZ".utf8) + [UInt8](repeating: 0, count: 62)),
            ("plain zip", plainZip.build()),
            ("legacy Word document", CompoundFileBuilder.build(entryNames: ["WordDocument", "1Table", "\u{5}SummaryInformation"])),
            ("notes with two header-like lines", Array("Title: Visit\nCategory: notes\n\nWe met.\n".utf8)),
            ("text with one mail header", Array("Subject: hi\n\nbody\n".utf8)),
            ("header lines then prose", Array("From: a@b.example\nDate: today\nthis is not a header\n\n".utf8)),
            ("mail headers with binary", Array("From: a@b.example\r\nSubject: x\r\n\r\n".utf8) + [0]),
            ("empty file", []),
        ]
        for (label, bytes) in refused {
            #expect(try sniff(bytes) == nil, "\(label)")
        }
    }

    @Test func readsTheCentralDirectoryOfStreamedArchives() throws {
        // With sizes after the data, the local headers cannot be walked; the index at the end can.
        let docx = ZipArchiveBuilder.officeDocument(mainFolder: "word", usesDataDescriptors: true)
        #expect(try sniff(docx) == .docx)
        #expect(FileSignature.documentType(prefix: docx) == nil)
    }

    @Test func readsACompoundFileDirectoryBeyondThePrefix() throws {
        let message = CompoundFileBuilder.build(entryNames: ["__substg1.0_0E04001F"], directorySector: 200)
        #expect(try sniff(message) == .msg)
        #expect(FileSignature.documentType(prefix: Array(message.prefix(4096))) == nil)
    }

    @Test func acceptsMailWhoseHeadersOutgrowThePrefix() {
        let long = "Received: from relay.example by mx.example\r\n" + String(repeating: "X-Trace: \(String(repeating: "t", count: 70))\r\n", count: 100)
        let bytes = Array((long + "From: a@b.example\r\nSubject: x\r\n\r\nbody").utf8)
        #expect(FileSignature.documentType(prefix: Array(bytes.prefix(4096))) == nil, "only one mail field within the prefix")
        #expect(FileSignature.documentType(prefix: Array(Self.email.utf8.prefix(200))) == .eml)
    }

    @Test func givesCanonicalTypesAndExtensions() {
        #expect(DocumentType.pdf.contentType == "application/pdf")
        #expect(DocumentType.jpeg.fileExtension == "jpg")
        #expect(DocumentType.xlsx.contentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(DocumentType.msg.contentType == "application/vnd.ms-outlook")
        #expect(DocumentType.eml.contentType == "message/rfc822")
        #expect(DocumentType.allCases.map(\.fileExtension) == ["pdf", "png", "jpg", "docx", "xlsx", "msg", "eml"])
    }

    @Test func goesByTheBytesRatherThanTheName() throws {
        let directory = try TemporaryDirectory()
        let page = try directory.write(Array("<html><script>alert(1)</script></html>\r\n".utf8), named: "proof.pdf")
        #expect(try FileSignature.documentType(ofFileAt: page) == nil)
    }

    @Test func reportsUnreadableFiles() {
        #expect(throws: DocumentFileError.self) { try FileSignature.documentType(ofFileAt: "/nonexistent/\(UUID().uuidString)") }
    }
}
