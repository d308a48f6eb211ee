import Foundation

/// What `cpor check` reads from a store, each backend its own way: SQLite from its file and the
/// PoE files beside it, PostgreSQL from its tables. What counts as wrong, and how the report says
/// it, is written once, in `StoreCheck`. Read-only: an inspection never migrates or repairs.
public protocol StoreInspection {
    /// What the engine finds wrong with its own storage (SQLite's integrity_check); nil for an
    /// engine with no such check to ask for.
    func integrityProblems() throws -> [String]?
    /// Rows whose referenced rows are missing.
    func missingParents() throws -> [Inspected.MissingParent]
    func schemaVersion() throws -> Inspected.SchemaVersion
    /// Every claim's PoE row.
    func documents() throws -> [Inspected.Document]
    /// What is wrong with the bytes stored under `sha256`, read a piece at a time; nil when they
    /// are `size` bytes that hash to it. `bytes` grows by the bytes found.
    func verifyContent(sha256: String, size: Int64, bytes: inout Int64) -> Inspected.ContentFault?
    /// Stored content whose digest is not in `referenced`.
    func unreferencedContent(_ referenced: Set<String>) throws -> [Inspected.Orphan]
    /// Pending e-mails whose next attempt was due before `before`: the delivery worker should have
    /// taken them long ago.
    func overdueOutbox(before: Date) throws -> [Inspected.OutboxMessage]
    /// E-mails given up on after their last retry or a permanent refusal.
    func failedOutbox() throws -> [Inspected.OutboxMessage]
    func close()
}

/// What a `StoreInspection` finds, the same for every backend.
public enum Inspected {
    public struct Document: Sendable, Equatable {
        public let claimNumber: Int64
        public let id: String
        public let sha256: String
        public let size: Int64

        public init(claimNumber: Int64, id: String, sha256: String, size: Int64) {
            self.claimNumber = claimNumber
            self.id = id
            self.sha256 = sha256
            self.size = size
        }
    }

    public struct OutboxMessage: Sendable, Equatable {
        public let id: Int64
        public let kind: String
        public let attempts: Int
        public let nextAttemptAt: Date
        public let lastError: String?

        public init(id: Int64, kind: String, attempts: Int, nextAttemptAt: Date, lastError: String?) {
            self.id = id
            self.kind = kind
            self.attempts = attempts
            self.nextAttemptAt = nextAttemptAt
            self.lastError = lastError
        }
    }

    public struct SchemaVersion: Sendable, Equatable {
        /// Migrations recorded in the store.
        public let applied: [Int]
        /// Migrations this build knows.
        public let known: [Int]
        public var isCurrent: Bool { applied == known }

        public init(applied: [Int], known: [Int]) {
            self.applied = applied
            self.known = known
        }
    }

    /// A row whose parent is missing: `comments` row 12 names a row of `claims` that is not there.
    public struct MissingParent: Sendable, Equatable {
        public let table: String
        /// The row's key (a rowid, a digest and chunk); nil for a SQLite table without rowids.
        public let row: String?
        public let parent: String

        public init(table: String, row: String?, parent: String) {
            self.table = table
            self.row = row
            self.parent = parent
        }
    }

    /// What is wrong with the bytes stored under one digest.
    public enum ContentFault: Sendable, Equatable {
        case notADigest
        /// No file at `path`; nil `path`: the database holds no content under the digest.
        case missing(path: String?)
        /// The database holds the content but not this piece of it.
        case missingChunk(Int)
        case unreadable(path: String)
        case size(actual: Int64)
        /// The bytes hash to `actual` instead.
        case changed(actual: String)
    }

    /// Stored content no PoE row names.
    public enum Orphan: Sendable, Equatable {
        case file(path: String)
        case content(sha256: String)
    }
}
