import Foundation
import Testing
@testable import App

/// What a killed server leaves in the data folder goes at the next start-up, and nothing else does.
@Suite struct LeftoverFilesTests {
    @Test func spooledUploadsAndUnfinishedEmailsAreRemovedButDocumentsAndDeliveredEmailsStay() throws {
        let app = try TestApp(seedDemo: false)
        let configuration = app.application.configuration
        let spool = configuration.uploadSpoolDirectory, mail = configuration.mailDirectory
        try FileManager.default.createDirectory(atPath: mail, withIntermediateDirectories: true)
        try Data(repeating: 7, count: 1000).write(to: URL(fileURLWithPath: spool + "/upload-AbC123"))
        try Data(repeating: 7, count: 24).write(to: URL(fileURLWithPath: spool + "/request-body-XyZ789"))
        try Data("half".utf8).write(to: URL(fileURLWithPath: mail + "/.20260301-090000-outbox-1.1@x.eml.77.123.tmp"))
        try Data("whole".utf8).write(to: URL(fileURLWithPath: mail + "/20260301-090000-outbox-1.1@x.eml"))
        let document = configuration.documentsDirectory + "/ab/" + String(repeating: "c", count: 62)
        try FileManager.default.createDirectory(atPath: configuration.documentsDirectory + "/ab", withIntermediateDirectories: true)
        try Data("poe".utf8).write(to: URL(fileURLWithPath: document))

        let removed = LeftoverFiles.remove(configuration)

        #expect(removed == LeftoverFiles(spoolFiles: 2, spoolBytes: 1024, mailTemporaryFiles: 1))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: mail) == ["20260301-090000-outbox-1.1@x.eml"])
        #expect(FileManager.default.fileExists(atPath: document))
        #expect(LeftoverFiles.remove(configuration).isEmpty)
    }
}
