import Foundation

/// How the server writes its access log line for each response: the plain line people read, or
/// one JSON object per line for log shippers.
public enum AccessLogFormat: String, Sendable, CaseIterable {
    /// `GET /claims 200 5120b 3.2ms user=12` (no `user=` for a visitor not signed in)
    case text
    /// `{"time":"…","remote":"…","method":"GET","path":"/claims","status":200,"bytes":5120,"ms":3.2,"user":"12"}`
    case json

    /// `user` is what the response named in `loggedUser`: an opaque id, never an e-mail address.
    func line(method: String, path: String, status: Int, bytes: Int, tenthsOfMilliseconds tenths: Int, remote: String,
              user: String? = nil) -> String {
        let milliseconds = "\(tenths / 10).\(tenths % 10)"
        switch self {
        case .text:
            // A space or control character would make the line ambiguous; an id has neither.
            let who = user.map { id in
                " user=" + String(id.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }.map(Character.init))
            } ?? ""
            return "\(method) \(path) \(status) \(bytes)b \(milliseconds)ms" + who
        case .json:
            let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            return "{\"time\":\"\(time)\",\"remote\":\(Self.quoted(remote)),\"method\":\(Self.quoted(method)),"
                + "\"path\":\(Self.quoted(path)),\"status\":\(status),\"bytes\":\(bytes),\"ms\":\(milliseconds)"
                + (user.map { ",\"user\":" + Self.quoted($0) } ?? "") + "}"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, anything else as is.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
