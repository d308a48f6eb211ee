import Foundation

extension Application {
    /// Stores `bytes` under their SHA-256 as an accepted upload is stored (synced, linked into
    /// place, folder synced), for documents that arrive other than by upload: the demo's.
    public func storeDocument(_ bytes: [UInt8], sha256: String) throws {
        let temporary = documents.incomingDirectory + "/stored-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        try documents.store(temporaryPath: temporary, sha256: sha256)
    }
}
