import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Claims
import HTTP
@testable import App

/// Over a real socket: the server's body spooling, the multipart parser and the file response
/// together, with a PDF going up and coming back byte for byte.
@Suite struct PartnerLiveUploadTests {
    final class Box: @unchecked Sendable {
        var data = Data()
        var response: HTTPURLResponse?
    }

    func fetch(_ request: URLRequest) throws -> (HTTPURLResponse, Data) {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let configuration = URLSessionConfiguration.ephemeral
        let session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
        session.dataTask(with: request) { data, response, _ in
            box.data = data ?? Data()
            box.response = response as? HTTPURLResponse
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 10)
        session.finishTasksAndInvalidate()
        return (try #require(box.response), box.data)
    }

    final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }

    @Test func aPDFGoesUpAndComesBackByteForByte() throws {
        let app = try TestApp()
        app.login("incentives@contoso.example")
        let path = app.createCompleteClaim()
        let csrf = app.sessionCSRF
        let cookie = app.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let application = app.application
        var configuration = HTTPServerConfiguration(port: 0, workerThreads: 2, spoolThreshold: 1024)
        configuration.spoolDirectory = app.folder
        let server = HTTPServer(configuration: configuration, handler: { application.handle($0) }, log: { _ in })
        let port = try server.start()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(port)"

        // Big enough that the server spools the body to disk before the app reads it.
        let pdf = PartnerFixtures.pdf + Array(repeating: UInt8(ascii: "%"), count: 200_000) + Array("\n%%EOF\n".utf8)
        var upload = URLRequest(url: URL(string: base + path + "/documents")!)
        upload.httpMethod = "POST"
        upload.setValue(cookie, forHTTPHeaderField: "Cookie")
        upload.setValue("multipart/form-data; boundary=\(TestApp.boundary)", forHTTPHeaderField: "Content-Type")
        upload.httpBody = Data(TestApp.multipartBody([
            .field("_csrf", csrf), .field("version", "1"),
            .file(name: "documents", filename: "poe.pdf", contentType: "application/pdf", bytes: pdf),
        ]))
        let (uploaded, _) = try fetch(upload)
        #expect(uploaded.statusCode == 303)

        let document = try #require(try application.claims.claim(ClaimID("C-1001"))?.evidence.first)
        var download = URLRequest(url: URL(string: base + path + "/documents/" + document.id.rawValue)!)
        download.setValue(cookie, forHTTPHeaderField: "Cookie")
        let (downloaded, bytes) = try fetch(download)
        #expect(downloaded.statusCode == 200)
        #expect(downloaded.value(forHTTPHeaderField: "Content-Disposition")?.hasPrefix("attachment;") == true)
        #expect(Array(bytes) == pdf)
    }
}
