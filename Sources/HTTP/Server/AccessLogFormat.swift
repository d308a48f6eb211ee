import Foundation

/// How the server writes its access log line for each response: the plain line people read, or
/// one JSON object per line for log shippers.
public enum AccessLogFormat: String, Sendable, CaseIterable {
    /// `GET /claims 200 5120b 3.2ms`
    case text
    /// `{"time":"…","remote":"…","method":"GET","path":"/claims","status":200,"bytes":5120,"ms":3.2}`
    case json

    func line(method: String, path: String, status: Int, bytes: Int, tenthsOfMilliseconds tenths: Int, remote: String) -> String {
        let milliseconds = "\(tenths / 10).\(tenths % 10)"
        switch self {
        case .text:
            return "\(method) \(path) \(status) \(bytes)b \(milliseconds)ms"
        case .json:
            let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            return "{\"time\":\"\(time)\",\"remote\":\(Self.quoted(remote)),\"method\":\(Self.quoted(method)),"
                + "\"path\":\(Self.quoted(path)),\"status\":\(status),\"bytes\":\(bytes),\"ms\":\(milliseconds)}"
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
