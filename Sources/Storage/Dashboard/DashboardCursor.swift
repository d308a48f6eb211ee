/// Where a dashboard page ended: the last row's sort key and claim number. Carried in the
/// "next page" link as `<number>~<key>`, so it survives rows being added in front of it.
public struct DashboardCursor: Sendable, Equatable {
    public var number: Int64
    public var key: String

    public init(number: Int64, key: String) {
        self.number = number
        self.key = key
    }

    public init?(_ text: String) {
        guard let tilde = text.firstIndex(of: "~"), let number = Int64(text[..<tilde]) else { return nil }
        self.init(number: number, key: String(text[text.index(after: tilde)...]))
    }

    public var text: String { "\(number)~\(key)" }
}
