import Foundation

/// Read from configuration as `{"timeZone": "Europe/Madrid", "holidays": ["2026-12-25", …]}`.
extension BusinessCalendar: Codable {
    private enum CodingKeys: String, CodingKey {
        case timeZone
        case holidays
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let identifier = try container.decode(String.self, forKey: .timeZone)
        let holidays = try container.decodeIfPresent([LocalDate].self, forKey: .holidays) ?? []
        guard let calendar = BusinessCalendar(timeZoneIdentifier: identifier, holidays: holidays) else {
            throw DecodingError.dataCorruptedError(forKey: .timeZone, in: container, debugDescription: "unknown time zone \(identifier)")
        }
        self = calendar
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeZone.identifier, forKey: .timeZone)
        try container.encode(holidays.sorted(), forKey: .holidays)
    }
}
