import Foundation

/// The list of a backup's files with their SHA-256, in the format `sha256sum` writes, so an
/// operator can also check a backup with `cd BACKUP && sha256sum -c MANIFEST.sha256`.
struct BackupManifest: Equatable {
    static let fileName = "MANIFEST.sha256"

    /// Relative path → SHA-256 in hex.
    var files: [String: String] = [:]

    var text: String {
        files.keys.sorted().map { "\(files[$0]!)  \($0)\n" }.joined()
    }

    init() {}

    init(text: String) throws {
        for line in text.split(separator: "\n") where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64, parts[1].hasPrefix(" "), !parts[1].contains("..") else {
                throw FileCopy.Failure(description: "\(Self.fileName): not a manifest line: \(line)")
            }
            files[String(parts[1].dropFirst())] = String(parts[0])
        }
    }

    /// What is wrong with the files under `folder`: each missing, or with bytes that hash otherwise.
    func problems(in folder: String) -> [String] {
        files.keys.sorted().compactMap { path in
            guard let actual = FileDigest.sha256(ofFile: folder + "/" + path) else { return "\(path): missing" }
            return actual == files[path] ? nil : "\(path): SHA-256 is \(actual), the manifest says \(files[path]!)"
        }
    }
}
