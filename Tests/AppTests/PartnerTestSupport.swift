import Foundation
import HTTP
@testable import App

/// A file part or a field of a multipart body built by hand, as a browser would send it.
enum PartnerPart {
    case field(String, String)
    case file(name: String, filename: String, contentType: String, bytes: [UInt8])
}

enum PartnerFixtures {
    /// A small, valid one-page PDF.
    static let pdf: [UInt8] = Array("""
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
        trailer << /Root 1 0 R >>
        %%EOF

        """.utf8)

    static let completeClaim: [(String, String)] = [
        ("name", "Teams rollout at Northwind"), ("partner_location_id", "4100001"),
        ("customer_name", "Northwind Traders"), ("customer_domain", "northwind.example"),
        ("tenant_id", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"), ("solution_area", "microsoft_365"),
        ("products", "teams"), ("products", "exchange_online"), ("activity", "usage_deployment"),
        ("customer_contact_name", "Nora North"), ("customer_contact_title", "CIO"),
        ("customer_contact_email", "nora@northwind.example"), ("partner_contact_name", "Ivan Incentives"),
        ("partner_contact_email", "ivan@contoso.example"),
    ]
}

extension TestApp {
    static let boundary = "----cporTestBoundary7MA4YWxkTrZu0gW"

    static func multipartBody(_ parts: [PartnerPart], close: Bool = true) -> [UInt8] {
        var body: [UInt8] = []
        for part in parts {
            body += Array("--\(boundary)\r\n".utf8)
            switch part {
            case .field(let name, let value):
                body += Array("Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            case .file(let name, let filename, let type, let bytes):
                body += Array("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
                body += bytes + Array("\r\n".utf8)
            }
        }
        if close { body += Array("--\(boundary)--\r\n".utf8) }
        return body
    }

    /// Posts a multipart body with the jar's cookies.
    @discardableResult
    func upload(_ target: String, _ parts: [PartnerPart], close: Bool = true) -> HTTPResponse {
        var headers = HTTPHeaders([("Host", "localhost")])
        headers.set("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        headers.set("Content-Type", "multipart/form-data; boundary=\(Self.boundary)")
        return application.handle(HTTPRequest(method: "POST", target: target, headers: headers,
                                              body: .bytes(Self.multipartBody(parts, close: close))))
    }

    /// The CSRF token of the logged-in session, from any page with a form.
    var sessionCSRF: String { csrfToken(from: "/claims") }

    /// Creates a complete draft as the logged-in partner and returns its path.
    func createCompleteClaim(name: String = "Teams rollout at Northwind", tenant: String = "3f2504e0-4f89-11d3-9a0c-0305e82c3301") -> String {
        let form = PartnerFixtures.completeClaim.map { pair -> (String, String) in
            if pair.0 == "name" { return ("name", name) }
            if pair.0 == "tenant_id" { return ("tenant_id", tenant) }
            return pair
        }
        let response = send("POST", "/claims/new", form: [("_csrf", sessionCSRF)] + form)
        let location = response.headers["Location"] ?? ""
        return String(location.prefix { $0 != "?" })
    }

    func uploadPDF(to claimPath: String, filename: String = "signed-poe.pdf") -> HTTPResponse {
        upload(claimPath + "/documents", [.field("_csrf", sessionCSRF), .field("version", "1"),
                                          .file(name: "documents", filename: filename, contentType: "application/pdf", bytes: PartnerFixtures.pdf)])
    }

    /// The hidden `version` value of the first form on the page.
    func version(on path: String) -> String {
        let html = send("GET", path).bodyText
        guard let range = html.range(of: #"name="version" value=""#) else { return "" }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
