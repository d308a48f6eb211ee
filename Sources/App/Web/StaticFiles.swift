import Digest
import Foundation
import HTTP

/// The files under `Public/`, read once at start-up. Serving only what was enumerated there means
/// no request path — `..`, `%2e%2e`, `%2f`, an absolute path, a symlink out — can reach another file.
public struct StaticFiles: Sendable {
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: String
        let etag: String
    }

    private let assets: [String: Asset]

    public init(directory: String) throws {
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        var assets: [String: Asset] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            let full = root + "/" + relative
            // A symlink is followed only if it stays inside Public/.
            let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
            guard resolved.hasPrefix(root + "/") else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: resolved) else { continue }
            let bytes = [UInt8](data)
            let etag = "\"" + SHA256.hex(Array(SHA256.hash(bytes).prefix(12))) + "\""
            assets[relative] = Asset(bytes: bytes, contentType: Self.contentType(for: relative), etag: etag)
        }
        self.assets = assets
    }

    /// The response for `/static/<rawPath>`, or nil (→ 404) when there is no such file.
    func response(rawPath: String, request: HTTPRequest) -> HTTPResponse? {
        guard let path = rawPath.removingPercentEncoding, let asset = assets[path] else { return nil }
        var headers = HTTPHeaders()
        headers.set("ETag", asset.etag)
        headers.set("Cache-Control", "public, max-age=3600")
        headers.set("X-Content-Type-Options", "nosniff")
        if let tags = request.headers["If-None-Match"],
           tags.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            return HTTPResponse(status: 304, headers: headers)
        }
        headers.set("Content-Type", asset.contentType)
        return HTTPResponse(status: 200, headers: headers, body: .bytes(asset.bytes))
    }

    static func contentType(for path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "txt": "text/plain; charset=utf-8"
        case "json": "application/json"
        case "html": "text/html; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
