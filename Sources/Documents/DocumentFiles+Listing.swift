import Foundation

extension DocumentFiles {
    /// A file in the documents folder, named after its SHA-256 (`ab/cdef…` is digest `abcdef…`).
    public struct StoredFile: Sendable, Equatable {
        /// The path under the root, e.g. "ab/cdef…".
        public let relativePath: String
        /// The digest the name stands for; nil for a name that is not one.
        public let sha256: String?
    }

    /// Every file under the root except the upload spool, in name order.
    public func storedFiles() -> [StoredFile] {
        let files = FileManager.default
        var found: [StoredFile] = []
        for folder in ((try? files.contentsOfDirectory(atPath: root)) ?? []).sorted() where folder != ".incoming" {
            var isFolder: ObjCBool = false
            guard files.fileExists(atPath: root + "/" + folder, isDirectory: &isFolder), isFolder.boolValue else {
                found.append(StoredFile(relativePath: folder, sha256: nil))
                continue
            }
            for name in ((try? files.contentsOfDirectory(atPath: root + "/" + folder)) ?? []).sorted() {
                let digest = folder + name
                found.append(StoredFile(relativePath: folder + "/" + name, sha256: Self.isDigest(digest) ? digest : nil))
            }
        }
        return found
    }
}
