import App
import Foundation
import Storage
import Testing
@testable import cpor

/// The check's rules hold for whatever a store reports, in the words of the store that reports it:
/// here the faults only a PostgreSQL store has (content in chunks, no integrity_check), from a
/// stand-in inspection; `Tests/Postgres` shows the real one finds them.
@Suite struct CheckReportTests {
    struct ChunkedStore: StoreInspection {
        var missing: [Inspected.MissingParent] = []
        var fault: Inspected.ContentFault?
        var orphans: [Inspected.Orphan] = []
        static let document = Inspected.Document(claimNumber: 1001, id: "C-1001-poe-1", sha256: String(repeating: "ab", count: 32), size: 10)

        func integrityProblems() throws -> [String]? { nil }
        func missingParents() throws -> [Inspected.MissingParent] { missing }
        func schemaVersion() throws -> Inspected.SchemaVersion { .init(applied: [1, 2], known: [1, 2]) }
        func documents() throws -> [Inspected.Document] { [Self.document] }
        func verifyContent(sha256: String, size: Int64, bytes: inout Int64) -> Inspected.ContentFault? {
            bytes += size
            return fault
        }
        func unreferencedContent(_ referenced: Set<String>) throws -> [Inspected.Orphan] { orphans }
        func overdueOutbox(before: Date) throws -> [Inspected.OutboxMessage] { [] }
        func failedOutbox() throws -> [Inspected.OutboxMessage] { [] }
        func close() {}
    }

    func report(_ store: ChunkedStore) throws -> (failing: [StoreCheck.Subject], text: String) {
        let folder = try DataFolder()
        let findings = StoreCheck(configuration: folder.configuration, open: { _ in store }).run(now: Date())
        let terminal = try CommandLineLanguage.terminal(["--locale", "en"], environment: ["CPOR_TEMPLATES": DataFolder.packageRoot + "/Templates"],
                                                        write: { _, _ in }).get()
        return (findings.filter { !$0.problems.isEmpty }.map(\.subject), CPORCommand.report(findings, terminal))
    }

    @Test func aHealthyStoreWithoutAnIntegrityCheckHasNoLineForIt() throws {
        let healthy = try report(ChunkedStore())
        #expect(healthy.failing == [])
        #expect(healthy.text.hasPrefix("ok   foreign keys: every reference has its row\n"), "\(healthy.text)")
        #expect(healthy.text.contains("ok   documents: 1 rows, 1 files, 10 bytes, every file matches its SHA-256\n"), "\(healthy.text)")
        #expect(healthy.text.hasSuffix("\nhealthy"), "\(healthy.text)")
    }

    @Test func aMissingChunkFailsTheReferencesAndTheDocument() throws {
        let store = ChunkedStore(missing: [Inspected.MissingParent(table: "documents", row: "abababababab", parent: "document_chunks 0")],
                                 fault: .missingChunk(0))
        let found = try report(store)
        #expect(found.failing == [.foreignKeys, .documents])
        #expect(found.text.contains("- documents row abababababab → document_chunks 0\n"), "\(found.text)")
        #expect(found.text.contains("- C-1001 document C-1001-poe-1 (abababababab…): its stored content lacks chunk 0\n"), "\(found.text)")
        #expect(found.text.hasSuffix("\n2 problems found"), "\(found.text)")
    }

    @Test func contentNoRowNamesAndContentNotStoredAreProblems() throws {
        let orphan = String(repeating: "cd", count: 32)
        let found = try report(ChunkedStore(fault: .missing(path: nil), orphans: [.content(sha256: orphan)]))
        #expect(found.failing == [.documents, .orphans])
        #expect(found.text.contains("): no content is stored under its SHA-256\n"), "\(found.text)")
        #expect(found.text.contains("FAIL orphan files: 1 stored content with no document row\n       - content \(orphan) is stored, but no document row names it\n"),
                "\(found.text)")
    }
}
