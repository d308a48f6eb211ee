import Foundation

/// What people call a time zone in a deadline: "CET" and "CEST", "EST" and "EDT", "UTC".
///
/// Foundation on Linux names zones "GMT+1"; the letters people know are in the system's zone
/// database, in the POSIX rule at the end of each zone file ("CET-1CEST,M3.5.0,M10.5.0/3"). That
/// rule gives the standard and the summer names; Foundation says which applies at a moment. A
/// zone whose rule has no letters ("<+0530>-5:30") is shown by its offset, "UTC+05:30".
struct ZoneAbbreviations: Sendable {
    private let timeZone: TimeZone
    private let standard: String?
    private let daylight: String?
    /// UTC has one name and no rules to look up.
    let isUTC: Bool

    init(_ timeZone: TimeZone, zoneDatabase: String = "/usr/share/zoneinfo") {
        self.timeZone = timeZone
        isUTC = ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(timeZone.identifier)
        let names: (String?, String?)
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(timeZone.identifier) {
            names = ("UTC", nil)
        } else if let data = FileManager.default.contents(atPath: zoneDatabase + "/" + timeZone.identifier),
                  let rule = Self.footerRule(data) {
            names = Self.names(inRule: rule)
        } else {
            names = (nil, nil)
        }
        (standard, daylight) = names
    }

    func name(at date: Date) -> String {
        if isUTC { return "UTC" }
        let summer = timeZone.isDaylightSavingTime(for: date)
        if let name = summer ? (daylight ?? standard) : standard { return name }
        let offset = timeZone.secondsFromGMT(for: date)
        let minutes = abs(offset) / 60
        let sign = offset < 0 ? "-" : "+"
        return minutes % 60 == 0
            ? "UTC\(sign)\(minutes / 60)"
            : "UTC\(sign)\(minutes / 60 < 10 ? "0" : "")\(minutes / 60):\(minutes % 60 < 10 ? "0" : "")\(minutes % 60)"
    }

    /// The POSIX TZ rule a version 2+ zone file ends with, between its last two newlines.
    static func footerRule(_ data: Data) -> String? {
        guard data.count > 5, data.prefix(4) == Data("TZif".utf8), data.last == UInt8(ascii: "\n") else { return nil }
        let body = data.dropLast()
        guard let start = body.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
        return String(data: body[(start + 1)...], encoding: .ascii)
    }

    /// The standard and summer names of a POSIX TZ rule; a quoted name ("<+0530>") or one that
    /// is not letters counts as none.
    static func names(inRule rule: String) -> (String?, String?) {
        var rest = Substring(rule)
        func name() -> String? {
            if rest.first == "<" {
                guard let close = rest.firstIndex(of: ">") else { rest = ""; return nil }
                rest = rest[rest.index(after: close)...]
                return nil
            }
            let letters = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(letters.count)
            return letters.count >= 3 ? String(letters) : nil
        }
        let standard = name()
        rest = rest.drop { $0.isNumber || $0 == "+" || $0 == "-" || $0 == ":" }
        let daylight = rest.isEmpty || rest.first == "," ? nil : name()
        return (standard, daylight)
    }
}
