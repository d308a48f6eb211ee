import Foundation
import Testing
@testable import Mail

@Suite struct FileTransportTests {
    /// A fresh folder that does not exist yet, under the system's temporary directory.
    private func scratchFolder() -> String {
        NSTemporaryDirectory() + "mail-tests-\(UUID().uuidString)/outbox"
    }

    /// The messages a reader sees: the hidden links that name each ID's latest copy are not among them.
    private func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func writesAParseableFileNamedByDateAndID() throws {
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let message = sampleMessage(textBody: ".a line with a leading dot\n")
        try FileTransport(folder: folder).send(message)

        #expect(try files(in: folder) == ["20260101-000000-outbox-42.1767225600@cpor.localhost.eml"])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(folder)/20260101-000000-outbox-42.1767225600@cpor.localhost.eml")))
        #expect(bytes == message.rendered())
        let mail = try ParsedMail(bytes)
        #expect(mail["Message-ID"] == "<outbox-42.1767225600@cpor.localhost>")
        #expect(try mail.parts()[0].decodedBody() == ".a line with a leading dot\r\n")
        #expect(bytes.text.contains("\r\n.a line with a leading dot\r\n"))
    }

    @Test func rewritingTheSameIDLeavesOneFile() throws {
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let transport = FileTransport(folder: folder)
        var message = sampleMessage(subject: "first")
        try transport.send(message)
        message.subject = "second"
        try transport.send(message)
        message.subject = "third, retried a minute later"
        message.date += 60
        try transport.send(message)

        let names = try files(in: folder)
        #expect(names == ["20260101-000100-outbox-42.1767225600@cpor.localhost.eml"])
        let mail = try ParsedMail([UInt8](Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(names[0])"))))
        #expect(mail["Subject"] == "third, retried a minute later")
        // The ID's link names that copy, and nothing else is left in the folder.
        let link = "\(folder)/.outbox-42.1767225600@cpor.localhost.current"
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == names[0])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 2)
    }

    @Test func keepsMessagesWithDifferentIDsApart() throws {
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let transport = FileTransport(folder: folder)
        var message = sampleMessage()
        message.messageID = "<42@cpor.localhost>"
        try transport.send(message)
        message.messageID = "<outbox-42@cpor.localhost>"
        try transport.send(message)
        #expect(try files(in: folder).count == 2)
    }

    @Test func namesCannotLeaveTheFolder() {
        #expect(FileTransport.fileSafeID("<../../etc/passwd>") == "..%2F..%2Fetc%2Fpasswd")
        #expect(FileTransport.fileSafeID("<a b/c>") == "a%20b%2Fc")
        #expect(FileTransport.fileSafeID("") == "no-id")
        #expect(FileTransport.fileSafeID(String(repeating: "x", count: 500)).utf8.count < 220)
    }

    @Test func reportsAFolderItCannotCreateAsTemporary() throws {
        let blocker = NSTemporaryDirectory() + "mail-tests-\(UUID().uuidString)"
        try #require(FileManager.default.createFile(atPath: blocker, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        #expect(throws: MailError.self) { try FileTransport(folder: blocker + "/outbox").send(sampleMessage()) }
    }
}
