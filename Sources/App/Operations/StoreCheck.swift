import Documents
import Foundation
import Storage

/// What `cpor check` verifies in a data folder, and what it found: the database (integrity,
/// foreign keys, schema version), every document row's file and its SHA-256, files no row refers
/// to, and e-mails stuck in the outbox. Read-only: it reports and never repairs. What it found is
/// named by catalog messages, so the command line says it in its reader's language.
public struct StoreCheck: Sendable {
    /// One thing checked: a line when it is fine, the problems when it is not.
    public struct Finding: Sendable, Equatable {
        public let subject: Subject
        public var summary: CatalogMessage
        public var problems: [CatalogMessage] = []
        /// Worth knowing, not wrong (failed e-mails stay listed by design).
        public var notes: [CatalogMessage] = []
    }

    /// The checks, in the order they run.
    public enum Subject: Sendable, CaseIterable {
        case database, integrity, foreignKeys, schema, documents, orphans, outbox

        /// Its name in the report.
        public var messageKey: String {
            switch self {
            case .database: "cli.check.database"
            case .integrity: "cli.check.integrity"
            case .foreignKeys: "cli.check.foreign_keys"
            case .schema: "cli.check.schema"
            case .documents: "cli.check.documents"
            case .orphans: "cli.check.orphans"
            case .outbox: "cli.check.outbox"
            }
        }
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
            return [Finding(subject: .database, summary: CatalogMessage("cli.check.reported", ["text": configuration.databasePath]),
                            problems: [CatalogMessage("cli.check.database.cannot_open", ["error": "\(error)"])])]
        }
        defer { file.close() }
        var findings: [Finding] = []
        findings.append(attempt(.integrity) {
            let problems = try file.integrityProblems().map { CatalogMessage("cli.check.reported", ["text": $0]) }
            return Finding(subject: .integrity, summary: CatalogMessage("cli.check.integrity.ok"), problems: problems)
        })
        findings.append(attempt(.foreignKeys) {
            let problems = try file.foreignKeyProblems().map { missing in
                CatalogMessage("cli.check.foreign_keys.problem",
                               ["table": missing.table, "row": missing.rowid.map(String.init) ?? "?", "parent": missing.parent])
            }
            return Finding(subject: .foreignKeys, summary: CatalogMessage("cli.check.foreign_keys.ok"), problems: problems)
        })
        findings.append(attempt(.schema) { try schema(file) })
        var referenced = Set<String>()
        findings.append(attempt(.documents) { try documents(file, referenced: &referenced) })
        findings.append(orphans(referenced: referenced))
        findings.append(attempt(.outbox) { try outbox(file, now: now) })
        return findings
    }

    private func attempt(_ subject: Subject, _ body: () throws -> Finding) -> Finding {
        do {
            return try body()
        } catch {
            return Finding(subject: subject, summary: CatalogMessage("cli.check.unchecked"),
                           problems: [CatalogMessage("cli.check.reported", ["text": "\(error)"])])
        }
    }

    private func schema(_ file: DatabaseFile) throws -> Finding {
        let version = try file.schemaVersion()
        var finding = Finding(subject: .schema, summary: CatalogMessage("cli.check.schema.summary", [
            "applied": String(version.applied.last ?? 0), "known": String(version.known.last ?? 0),
        ]))
        let missing = Set(version.known).subtracting(version.applied).sorted()
        let unknown = Set(version.applied).subtracting(version.known).sorted()
        if !missing.isEmpty {
            finding.problems.append(CatalogMessage("cli.check.schema.missing", ["migrations": missing.map(String.init).joined(separator: ", ")]))
        }
        if !unknown.isEmpty {
            finding.problems.append(CatalogMessage("cli.check.schema.unknown", ["migrations": unknown.map(String.init).joined(separator: ", ")]))
        }
        return finding
    }

    private func documents(_ file: DatabaseFile, referenced: inout Set<String>) throws -> Finding {
        let rows = try file.documents()
        let store = DocumentFiles(existingRoot: configuration.documentsDirectory)
        var verdicts: [String: FileVerdict?] = [:]  // digest → nil when the file matches, else what is wrong
        var bytes: Int64 = 0
        var problems: [CatalogMessage] = []
        for row in rows {
            referenced.insert(row.sha256)
            if verdicts[row.sha256] == nil {
                verdicts[row.sha256] = .some(verify(row, store: store, bytes: &bytes))
            }
            if let verdict = verdicts[row.sha256] ?? nil {
                let document = ["claim": String(row.claimNumber), "document": row.id, "digest": String(row.sha256.prefix(12))]
                problems.append(CatalogMessage(verdict.key, document.merging(verdict.arguments) { mine, _ in mine }))
            }
        }
        let summary = ["rows": String(rows.count), "files": String(verdicts.count), "bytes": String(bytes)]
        return Finding(subject: .documents,
                       summary: CatalogMessage(problems.isEmpty ? "cli.check.documents.summary.verified" : "cli.check.documents.summary", summary),
                       problems: problems)
    }

    /// What is wrong with one stored file, said the same for every row that names it.
    private typealias FileVerdict = (key: String, arguments: [String: String])

    private func verify(_ row: DatabaseFile.DocumentRecord, store: DocumentFiles, bytes: inout Int64) -> FileVerdict? {
        guard let path = store.path(sha256: row.sha256) else { return ("cli.check.documents.not_a_digest", [:]) }
        var info = stat()
        guard stat(path, &info) == 0 else { return ("cli.check.documents.missing", ["path": path]) }
        bytes += Int64(info.st_size)
        guard Int64(info.st_size) == row.size else {
            return ("cli.check.documents.size", ["size": String(info.st_size), "recorded": String(row.size)])
        }
        guard let actual = FileDigest.sha256(ofFile: path) else { return ("cli.check.documents.unreadable", ["path": path]) }
        return actual == row.sha256 ? nil : ("cli.check.documents.changed", ["actual": String(actual.prefix(12))])
    }

    private func orphans(referenced: Set<String>) -> Finding {
        let store = DocumentFiles(existingRoot: configuration.documentsDirectory)
        var finding = Finding(subject: .orphans, summary: CatalogMessage("cli.check.orphans.none"))
        for file in store.storedFiles() where file.sha256.map({ !referenced.contains($0) }) ?? true {
            finding.problems.append(CatalogMessage("cli.check.orphans.file", ["path": "\(configuration.documentsDirectory)/\(file.relativePath)"]))
        }
        if !finding.problems.isEmpty { finding.summary = CatalogMessage("cli.check.orphans.summary", count: finding.problems.count) }
        let spooled = ((try? FileManager.default.contentsOfDirectory(atPath: configuration.uploadSpoolDirectory)) ?? []).count
        if spooled > 0 { finding.notes.append(CatalogMessage("cli.check.orphans.spool", count: spooled)) }
        return finding
    }

    private func outbox(_ file: DatabaseFile, now: Date) throws -> Finding {
        let stuck = try file.overdueOutbox(before: now.addingTimeInterval(-stuckAfter))
        let failed = try file.failedOutbox()
        var finding = Finding(subject: .outbox, summary: CatalogMessage("cli.check.outbox.summary", [
            "stuck": String(stuck.count), "failed": String(failed.count),
        ]))
        let minutes = String(Int(stuckAfter / 60))
        for message in stuck {
            var arguments = ["id": String(message.id), "kind": message.kind, "due": message.nextAttemptAt.ISO8601Format(),
                             "attempts": String(message.attempts), "minutes": minutes]
            arguments["error"] = message.lastError
            finding.problems.append(CatalogMessage(message.lastError == nil ? "cli.check.outbox.stuck" : "cli.check.outbox.stuck.error", arguments))
        }
        for message in failed {
            var arguments = ["id": String(message.id), "kind": message.kind, "attempts": String(message.attempts)]
            arguments["error"] = message.lastError
            finding.notes.append(CatalogMessage(message.lastError == nil ? "cli.check.outbox.failed" : "cli.check.outbox.failed.error", arguments))
        }
        return finding
    }
}
