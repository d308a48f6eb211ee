import Foundation
import Mail

/// What a killed process leaves behind: request bodies and uploads half-spooled in the upload
/// folder, and hidden `.tmp` files of e-mails the file transport was writing. No row ever refers
/// to either (a document is stored under its SHA-256 before its row commits, an e-mail under its
/// final name), so before `serve` takes its first request they can go. Files in the documents
/// folder proper are never touched here: one with no row is reported by `cpor check`.
public struct LeftoverFiles: Sendable, Equatable {
    public var spoolFiles = 0
    public var spoolBytes: Int64 = 0
    public var mailTemporaryFiles = 0

    public var isEmpty: Bool { spoolFiles == 0 && mailTemporaryFiles == 0 }

    /// Removes the leftovers under `configuration`'s data folder and says what went.
    public static func remove(_ configuration: AppConfiguration) -> LeftoverFiles {
        var removed = LeftoverFiles()
        let files = FileManager.default
        for name in (try? files.contentsOfDirectory(atPath: configuration.uploadSpoolDirectory)) ?? [] {
            let path = configuration.uploadSpoolDirectory + "/" + name
            var info = stat()
            let size = stat(path, &info) == 0 ? Int64(info.st_size) : 0
            if unlink(path) == 0 {
                removed.spoolFiles += 1
                removed.spoolBytes += size
            }
        }
        for name in (try? files.contentsOfDirectory(atPath: configuration.mailDirectory)) ?? []
        where FileTransport.isTemporaryFile(name) {
            if unlink(configuration.mailDirectory + "/" + name) == 0 { removed.mailTemporaryFiles += 1 }
        }
        return removed
    }
}
