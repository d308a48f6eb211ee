import Foundation
import Testing
import Documents
import TestSupport

@Suite struct DocumentFilesTests {
    static let digest = "ab" + String(repeating: "0", count: 62)

    @Test func storesBytesUnderTheirDigest() throws {
        let root = try TemporaryDirectory()
        let files = try DocumentFiles(root: root.path + "/documents")
        let upload = try root.write(Array("signed statement of work".utf8), named: "upload")
        try files.store(temporaryPath: upload, sha256: Self.digest)
        let stored = try #require(files.path(sha256: Self.digest))
        #expect(stored == files.root + "/ab/" + String(repeating: "0", count: 62))
        #expect(FileManager.default.contents(atPath: stored) == Data("signed statement of work".utf8))
        #expect(!FileManager.default.fileExists(atPath: upload), "the temporary file is taken over")
    }

    @Test func keepsTheFirstCopyOfBytesUploadedTwice() throws {
        let root = try TemporaryDirectory()
        let files = try DocumentFiles(root: root.path + "/documents")
        try files.store(temporaryPath: try root.write(Array("first".utf8)), sha256: Self.digest)
        let again = try root.write(Array("second".utf8))
        try files.store(temporaryPath: again, sha256: Self.digest)
        #expect(FileManager.default.contents(atPath: try #require(files.path(sha256: Self.digest))) == Data("first".utf8))
        #expect(!FileManager.default.fileExists(atPath: again))
    }

    /// `prepare` makes the folder and leaves the file where it is, under no name a row could
    /// point at: storing still decides, and a prepared file that is never stored is just dropped.
    @Test func preparesAFileWithoutStoringIt() throws {
        let root = try TemporaryDirectory()
        let files = try DocumentFiles(root: root.path + "/documents")
        let upload = try root.write(Array("prepared".utf8), named: "upload")
        try files.prepare(temporaryPath: upload, sha256: Self.digest)
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: files.root + "/ab", isDirectory: &isFolder) && isFolder.boolValue)
        #expect(try FileManager.default.contentsOfDirectory(atPath: files.root + "/ab").isEmpty)
        #expect(FileManager.default.fileExists(atPath: upload))
        try files.store(temporaryPath: upload, sha256: Self.digest)
        #expect(FileManager.default.contents(atPath: try #require(files.path(sha256: Self.digest))) == Data("prepared".utf8))
        #expect(throws: DocumentFileError.self) {
            try files.prepare(temporaryPath: try root.write([1]), sha256: "not-a-digest")
        }
        #expect(throws: DocumentFileError.self) {
            try files.prepare(temporaryPath: root.path + "/missing", sha256: "cd" + String(repeating: "0", count: 62))
        }
    }

    /// A prepared file is stored as `store` stores one: under its digest, the temporary file
    /// taken over, the first copy of the same bytes kept.
    @Test func storesAPreparedFileAsStoreDoes() throws {
        let root = try TemporaryDirectory()
        let files = try DocumentFiles(root: root.path + "/documents")
        let upload = try root.write(Array("prepared".utf8), named: "upload")
        try files.prepare(temporaryPath: upload, sha256: Self.digest)
        try files.storePrepared(temporaryPath: upload, sha256: Self.digest)
        #expect(FileManager.default.contents(atPath: try #require(files.path(sha256: Self.digest))) == Data("prepared".utf8))
        #expect(!FileManager.default.fileExists(atPath: upload), "the temporary file is taken over")
        let again = try root.write(Array("again".utf8))
        try files.prepare(temporaryPath: again, sha256: Self.digest)
        try files.storePrepared(temporaryPath: again, sha256: Self.digest)
        #expect(FileManager.default.contents(atPath: try #require(files.path(sha256: Self.digest))) == Data("prepared".utf8))
        #expect(!FileManager.default.fileExists(atPath: again))
        #expect(throws: DocumentFileError.self) {
            try files.storePrepared(temporaryPath: try root.write([1]), sha256: "not-a-digest")
        }
    }

    @Test func refusesNamesThatAreNotDigests() throws {
        let root = try TemporaryDirectory()
        let files = try DocumentFiles(root: root.path + "/documents")
        #expect(files.path(sha256: "../../etc/passwd") == nil)
        #expect(files.path(sha256: Self.digest.uppercased()) == nil)
        #expect(throws: DocumentFileError.self) {
            try files.store(temporaryPath: try root.write([1]), sha256: "not-a-digest")
        }
    }
}
