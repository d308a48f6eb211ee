import Foundation
import HTTP
import Seeding
import Storage
@testable import App

/// A real Application on a real SQLite file in a temporary folder, with the repository's own
/// templates and static files, driven in-process request by request like a browser with a cookie jar.
final class TestApp: @unchecked Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    let folder: String
    let database: Database
    let application: Application
    var cookies: [String: String] = [:]
    /// The client's address as the server sees it ("" as in-process requests have none).
    var remoteAddress = ""
    let logBox = LogBox()
    var logLines: [String] { logBox.lines }

    init(clock: Clock = .system, seedDemo: Bool = true, configure: (inout AppConfiguration) -> Void = { _ in }) throws {
        folder = NSTemporaryDirectory() + "cpor-app-\(UUID().uuidString)"
        var configuration = AppConfiguration()
        configuration.databasePath = folder + "/cpor.sqlite"
        configuration.templatesDirectory = Self.packageRoot + "/Templates"
        configuration.publicDirectory = Self.packageRoot + "/Public"
        configure(&configuration)
        database = try Database(path: configuration.databasePath)
        let box = logBox
        application = try Application(configuration: configuration, database: database, clock: clock,
                                      log: { box.append($0) })
        if seedDemo {
            _ = try DemoData.seedIfEmpty(accounts: application.accounts, passwords: application.passwords, now: clock.now())
        }
    }

    deinit {
        database.close()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Sends a request with the jar's cookies and stores any cookies the response sets.
    @discardableResult
    func send(_ method: HTTPMethod, _ target: String, form: [(String, String)]? = nil,
              headers: [(String, String)] = []) -> HTTPResponse {
        var requestHeaders = HTTPHeaders(headers)
        requestHeaders.set("Host", "localhost")
        if !cookies.isEmpty {
            requestHeaders.set("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        var body = HTTPBody.empty
        if let form {
            requestHeaders.set("Content-Type", "application/x-www-form-urlencoded")
            body = .bytes(Array(FormURLEncoded.encode(form).utf8))
        }
        let response = application.handle(HTTPRequest(method: method, target: target, headers: requestHeaders, body: body,
                                                      remoteAddress: remoteAddress))
        for header in response.headers.values("Set-Cookie") {
            let pair = header.split(separator: ";")[0]
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    /// The CSRF token of the form on the page at `path`.
    func csrfToken(from path: String = "/login") -> String {
        let html = send("GET", path).bodyText
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return "" }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @discardableResult
    func login(_ email: String, password: String = DemoData.password) -> HTTPResponse {
        let token = csrfToken()
        return send("POST", "/login", form: [("_csrf", token), ("email", email), ("password", password)])
    }
}

final class LogBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
}

extension HTTPResponse {
    var bodyText: String {
        switch body {
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .spooled(let file): return String(decoding: (try? file.contents()) ?? [], as: UTF8.self)
        case .file: return ""
        }
    }
}
