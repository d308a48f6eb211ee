import Documents
import Foundation
import Storage

/// What `cpor check` verifies in a data folder, and what it found: the database (integrity,
/// foreign keys, schema version), every document row's file and its SHA-256, files no row refers
/// to, and e-mails stuck in the outbox. Read-only: it reports and never repairs.
public struct StoreCheck: Sendable {
    /// One thing checked: a line when it is fine, the problems when it is not.
    public struct Finding: Sendable, Equatable {
        public let subject: String
        public var summary: String
        public var problems: [String] = []
        /// Worth knowing, not wrong (failed e-mails stay listed by design).
        public var notes: [String] = []
    }

    public let configuration: AppConfiguration
    /// A pending e-mail overdue by more than this counts as stuck.
    public var stuckAfter: TimeInterval = 60 * 60

    public init(configuration: AppConfiguration) {
        self.configuration = configuration
    }

    public func run(now: Date) -> [Finding] {
        let file: DatabaseFile
        do {
            file = try DatabaseFile(path: configuration.databasePath)
        } catch {
            return [Finding(subject: "database", summary: configuration.databasePath, problems: ["cannot open: \(error)"])]
        }
        defer { file.close() }
        var findings: [Finding] = []
        findings.append(attempt("integrity_check") { _ in
            let problems = try file.integrityProblems()
            return Finding(subject: "integrity_check", summary: "ok", problems: problems)
        })
        findings.append(attempt("foreign keys") { _ in
            let problems = try file.foreignKeyProblems()
            return Finding(subject: "foreign keys", summary: "every reference has its row", problems: problems)
        })
        findings.append(attempt("schema version") { _ in try schema(file) })
        var referenced = Set<String>()
        findings.append(attempt("documents") { _ in try documents(file, referenced: &referenced) })
        findings.append(orphans(referenced: referenced))
        findings.append(attempt("outbox") { _ in try outbox(file, now: now) })
        return findings
    }

    /// The findings as the operator reads them, and whether all is well.
    public static func report(_ findings: [Finding]) -> (text: String, healthy: Bool) {
        var lines: [String] = []
        let problems = findings.reduce(0) { $0 + $1.problems.count }
        for finding in findings {
            lines.append("\(finding.problems.isEmpty ? "ok  " : "FAIL") \(finding.subject): \(finding.summary)")
            for problem in finding.problems.prefix(50) { lines.append("       - \(problem)") }
            if finding.problems.count > 50 { lines.append("       … and \(finding.problems.count - 50) more") }
            for note in finding.notes { lines.append("       note: \(note)") }
        }
        lines.append(problems == 0 ? "healthy" : "\(problems) problem(s) found")
        return (lines.joined(separator: "\n"), problems == 0)
    }

    private func attempt(_ subject: String, _ body: (String) throws -> Finding) -> Finding {
        do {
            return try body(subject)
        } catch {
            return Finding(subject: subject, summary: "could not be checked", problems: ["\(error)"])
        }
    }

    private func schema(_ file: DatabaseFile) throws -> Finding {
        let version = try file.schemaVersion()
        var finding = Finding(subject: "schema version", summary: "\(version.applied.last ?? 0) (this build's is \(version.known.last ?? 0))")
        let missing = Set(version.known).subtracting(version.applied).sorted()
        let unknown = Set(version.applied).subtracting(version.known).sorted()
        if !missing.isEmpty { finding.problems.append("migrations not applied: \(missing.map(String.init).joined(separator: ", ")) (start `serve` once to apply them)") }
        if !unknown.isEmpty { finding.problems.append("migrations this build does not know: \(unknown.map(String.init).joined(separator: ", ")) (a newer cpor wrote this file)") }
        return finding
    }

    private func documents(_ file: DatabaseFile, referenced: inout Set<String>) throws -> Finding {
        let rows = try file.documents()
        let store = DocumentFiles(existingRoot: configuration.documentsDirectory)
        var verdicts: [String: String?] = [:]  // digest → nil when the file matches, else what is wrong
        var bytes: Int64 = 0
        var finding = Finding(subject: "documents", summary: "")
        for row in rows {
            referenced.insert(row.sha256)
            if verdicts[row.sha256] == nil {
                verdicts[row.sha256] = .some(verify(row, store: store, bytes: &bytes))
            }
            if let problem = verdicts[row.sha256] ?? nil {
                finding.problems.append("C-\(row.claimNumber) document \(row.id) (\(row.sha256.prefix(12))…): \(problem)")
            }
        }
        finding.summary = "\(rows.count) rows, \(verdicts.count) files, \(bytes) bytes"
            + (finding.problems.isEmpty ? ", every file matches its SHA-256" : "")
        return finding
    }

    private func verify(_ row: DatabaseFile.DocumentRecord, store: DocumentFiles, bytes: inout Int64) -> String? {
        guard let path = store.path(sha256: row.sha256) else { return "the recorded SHA-256 is not a digest" }
        var info = stat()
        guard stat(path, &info) == 0 else { return "file missing (\(path))" }
        bytes += Int64(info.st_size)
        guard Int64(info.st_size) == row.size else { return "file has \(info.st_size) bytes, the row says \(row.size)" }
        guard let actual = FileDigest.sha256(ofFile: path) else { return "file unreadable (\(path))" }
        return actual == row.sha256 ? nil : "file's bytes hash to \(actual.prefix(12))…"
    }

    private func orphans(referenced: Set<String>) -> Finding {
        let store = DocumentFiles(existingRoot: configuration.documentsDirectory)
        var finding = Finding(subject: "orphan files", summary: "none")
        for file in store.storedFiles() where file.sha256.map({ !referenced.contains($0) }) ?? true {
            finding.problems.append("\(configuration.documentsDirectory)/\(file.relativePath) has no document row")
        }
        if !finding.problems.isEmpty { finding.summary = "\(finding.problems.count) file(s) in the documents folder with no row" }
        let spooled = ((try? FileManager.default.contentsOfDirectory(atPath: configuration.uploadSpoolDirectory)) ?? []).count
        if spooled > 0 { finding.notes.append("\(spooled) file(s) in the upload spool (in flight, or left by a crash: `serve` removes them at start-up)") }
        return finding
    }

    private func outbox(_ file: DatabaseFile, now: Date) throws -> Finding {
        let stuck = try file.overdueOutbox(before: now.addingTimeInterval(-stuckAfter))
        let failed = try file.failedOutbox()
        var finding = Finding(subject: "outbox", summary: "\(stuck.count) stuck, \(failed.count) failed")
        let minutes = Int(stuckAfter / 60)
        for message in stuck {
            finding.problems.append("message \(message.id) (\(message.kind)) due since \(message.nextAttemptAt.ISO8601Format()), "
                                    + "\(message.attempts) attempt(s), over \(minutes) min ago: is `serve` running?"
                                    + (message.lastError.map { " last error: \($0)" } ?? ""))
        }
        for message in failed {
            finding.notes.append("message \(message.id) (\(message.kind)) failed after \(message.attempts) attempt(s)"
                                 + (message.lastError.map { ": \($0)" } ?? ""))
        }
        return finding
    }
}
