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
