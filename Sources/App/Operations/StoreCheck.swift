import Foundation
import Storage

/// What `cpor check` verifies in a store, and what it found: the database (integrity, references,
/// schema version), every document row's stored bytes and their SHA-256, stored content no row
/// refers to, and e-mails stuck in the outbox. The store is read through a `StoreInspection`
/// (SQLite's file and PoE files, or PostgreSQL's tables), so these rules are the same for both.
/// Read-only: it reports and never repairs. What it found is named by catalog messages, so the
/// command line says it in its reader's language.
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
    /// Opens the store as it is, never creating or migrating it.
    let open: @Sendable (AppConfiguration) throws -> any StoreInspection

    /// `open` reads the store `configuration` names; by default a SQLite file and its PoE files.
    public init(configuration: AppConfiguration,
                open: @escaping @Sendable (AppConfiguration) throws -> any StoreInspection = { try SQLiteStoreInspection(configuration: $0) }) {
        self.configuration = configuration
        self.open = open
    }

    public func run(now: Date) -> [Finding] {
        let store: any StoreInspection
        do {
            store = try open(configuration)
        } catch {
            return [Finding(subject: .database, summary: CatalogMessage("cli.check.reported", ["text": configuration.databaseDisplayName]),
                            problems: [CatalogMessage("cli.check.database.cannot_open", ["error": "\(error)"])])]
        }
        defer { store.close() }
        var findings: [Finding] = []
        // An engine with no check of its own storage (PostgreSQL) has no line for it.
        do {
            if let reported = try store.integrityProblems() {
                findings.append(Finding(subject: .integrity, summary: CatalogMessage("cli.check.integrity.ok"),
                                        problems: reported.map { CatalogMessage("cli.check.reported", ["text": $0]) }))
            }
        } catch {
            findings.append(unchecked(.integrity, error))
        }
        findings.append(attempt(.foreignKeys) {
            let problems = try store.missingParents().map { missing in
                CatalogMessage("cli.check.foreign_keys.problem", ["table": missing.table, "row": missing.row ?? "?", "parent": missing.parent])
            }
            return Finding(subject: .foreignKeys, summary: CatalogMessage("cli.check.foreign_keys.ok"), problems: problems)
        })
        findings.append(attempt(.schema) { try schema(store) })
        var referenced = Set<String>()
        findings.append(attempt(.documents) { try documents(store, referenced: &referenced) })
        findings.append(attempt(.orphans) { try orphans(store, referenced: referenced) })
        findings.append(attempt(.outbox) { try outbox(store, now: now) })
        return findings
    }

    private func attempt(_ subject: Subject, _ body: () throws -> Finding) -> Finding {
        do {
            return try body()
        } catch {
            return unchecked(subject, error)
        }
    }

    private func unchecked(_ subject: Subject, _ error: any Error) -> Finding {
        Finding(subject: subject, summary: CatalogMessage("cli.check.unchecked"), problems: [CatalogMessage("cli.check.reported", ["text": "\(error)"])])
    }

    private func schema(_ store: any StoreInspection) throws -> Finding {
        let version = try store.schemaVersion()
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

    private func documents(_ store: any StoreInspection, referenced: inout Set<String>) throws -> Finding {
        let rows = try store.documents()
        var faults: [String: Inspected.ContentFault?] = [:]  // digest → nil when its bytes match, else what is wrong
        var bytes: Int64 = 0
        var problems: [CatalogMessage] = []
        for row in rows {
            referenced.insert(row.sha256)
            if faults[row.sha256] == nil {
                faults[row.sha256] = .some(store.verifyContent(sha256: row.sha256, size: row.size, bytes: &bytes))
            }
            if let fault = faults[row.sha256] ?? nil {
                problems.append(Self.message(fault, row))
            }
        }
        let summary = ["rows": String(rows.count), "files": String(faults.count), "bytes": String(bytes)]
        return Finding(subject: .documents,
                       summary: CatalogMessage(problems.isEmpty ? "cli.check.documents.summary.verified" : "cli.check.documents.summary", summary),
                       problems: problems)
    }

    /// What is wrong with a row's stored bytes, said the same for every row that names them.
    static func message(_ fault: Inspected.ContentFault, _ row: Inspected.Document) -> CatalogMessage {
        let document = ["claim": String(row.claimNumber), "document": row.id, "digest": String(row.sha256.prefix(12))]
        let (key, arguments): (String, [String: String]) = switch fault {
        case .notADigest: ("cli.check.documents.not_a_digest", [:])
        case .missing(let path?): ("cli.check.documents.missing", ["path": path])
        case .missing(nil): ("cli.check.documents.not_stored", [:])
        case .missingChunk(let chunk): ("cli.check.documents.missing_chunk", ["chunk": String(chunk)])
        case .unreadable(let path): ("cli.check.documents.unreadable", ["path": path])
        case .size(let actual): ("cli.check.documents.size", ["size": String(actual), "recorded": String(row.size)])
        case .changed(let actual): ("cli.check.documents.changed", ["actual": String(actual.prefix(12))])
        }
        return CatalogMessage(key, document.merging(arguments) { mine, _ in mine })
    }

    private func orphans(_ store: any StoreInspection, referenced: Set<String>) throws -> Finding {
        var finding = Finding(subject: .orphans, summary: CatalogMessage("cli.check.orphans.none"))
        let orphans = try store.unreferencedContent(referenced)
        finding.problems = orphans.map { orphan in
            switch orphan {
            case .file(let path): CatalogMessage("cli.check.orphans.file", ["path": path])
            case .content(let sha256): CatalogMessage("cli.check.orphans.content", ["digest": sha256])
            }
        }
        if case .content = orphans.first {
            finding.summary = CatalogMessage("cli.check.orphans.stored", count: orphans.count)
        } else if !orphans.isEmpty {
            finding.summary = CatalogMessage("cli.check.orphans.summary", count: orphans.count)
        }
        let spooled = ((try? FileManager.default.contentsOfDirectory(atPath: configuration.uploadSpoolDirectory)) ?? []).count
        if spooled > 0 { finding.notes.append(CatalogMessage("cli.check.orphans.spool", count: spooled)) }
        return finding
    }

    private func outbox(_ store: any StoreInspection, now: Date) throws -> Finding {
        let stuck = try store.overdueOutbox(before: now.addingTimeInterval(-stuckAfter))
        let failed = try store.failedOutbox()
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
