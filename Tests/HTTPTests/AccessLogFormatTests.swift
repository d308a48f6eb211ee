import Foundation
import Testing
@testable import HTTP

@Suite struct AccessLogFormatTests {
    @Test func theTextLineIsTheOneOperatorsKnow() {
        #expect(AccessLogFormat.text.line(method: "GET", path: "/claims", status: 200, bytes: 5120, tenthsOfMilliseconds: 32,
                                          remote: "127.0.0.1:5000") == "GET /claims 200 5120b 3.2ms")
    }

    /// Whatever a client puts in the path, a JSON line stays one valid object on one line.
    @Test func aJSONLineIsOneObjectEvenForAHostilePath() throws {
        let path = "/a\"b\\c\n\u{1}ü"
        let line = AccessLogFormat.json.line(method: "POST", path: path, status: 303, bytes: 0, tenthsOfMilliseconds: 7,
                                             remote: "[::1]:9")
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["path"] as? String == path)
        #expect(object["method"] as? String == "POST")
        #expect(object["status"] as? Int == 303)
        #expect(object["ms"] as? Double == 0.7)
        #expect(object["remote"] as? String == "[::1]:9")
        #expect(object["time"] is String)
    }
}

/// ASVS V16: a log line says whose request it was by the user's id, so it can be followed without
/// carrying personal data such as an e-mail address.
@Suite struct ASVS_V16_AccessLogUserTests {
    @Test func theLineCarriesTheUsersIdWhenThereIsOne() throws {
        #expect(AccessLogFormat.text.line(method: "GET", path: "/claims", status: 200, bytes: 10, tenthsOfMilliseconds: 5,
                                          remote: "127.0.0.1:5", user: "12") == "GET /claims 200 10b 0.5ms user=12")
        #expect(AccessLogFormat.text.line(method: "GET", path: "/x", status: 200, bytes: 0, tenthsOfMilliseconds: 0,
                                          remote: "", user: "1 2\n") == "GET /x 200 0b 0.0ms user=12")
        let json = AccessLogFormat.json.line(method: "GET", path: "/", status: 200, bytes: 0, tenthsOfMilliseconds: 0,
                                             remote: "", user: "7")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["user"] as? String == "7")
        let anonymous = AccessLogFormat.json.line(method: "GET", path: "/", status: 200, bytes: 0, tenthsOfMilliseconds: 0, remote: "")
        #expect(!anonymous.contains("user"))
    }
}
