/// Header fields in the order they were received or added.
///
/// Order and duplicates are kept because some fields (`Set-Cookie`, `Cookie`) are only meaningful
/// as repeated lines; lookup ignores ASCII case as field names are case-insensitive (RFC 9110 §5.1).
public struct HTTPHeaders: Sendable, Sequence, Equatable, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, value: String)

    private var fields: [(name: String, value: String)]

    public init(_ pairs: [(String, String)] = []) {
        fields = pairs.map { (name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value for `name`, or nil.
    public subscript(name: String) -> String? {
        fields.first { Self.namesMatch($0.name, name) }?.value
    }

    public func values(_ name: String) -> [String] {
        fields.filter { Self.namesMatch($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { Self.namesMatch($0.name, name) }
    }

    public var count: Int { fields.count }

    public var isEmpty: Bool { fields.isEmpty }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces every field called `name` with a single one, keeping the position of the first.
    public mutating func set(_ name: String, _ value: String) {
        if let index = fields.firstIndex(where: { Self.namesMatch($0.name, name) }) {
            fields[index] = (name: name, value: value)
            var later = fields.index(after: index)
            while later < fields.endIndex {
                if Self.namesMatch(fields[later].name, name) {
                    fields.remove(at: later)
                } else {
                    later += 1
                }
            }
        } else {
            fields.append((name: name, value: value))
        }
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { Self.namesMatch($0.name, name) }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    /// The comma-separated list elements of every `name` field, trimmed and lowercased.
    /// Used for `Connection`, `Transfer-Encoding` and similar token lists.
    func tokens(_ name: String) -> [String] {
        values(name).flatMap { value in
            value.split(separator: ",").map { $0.trimmingOWS().lowercasedASCII() }
        }.filter { !$0.isEmpty }
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    static func namesMatch(_ a: String, _ b: String) -> Bool {
        let a = a.utf8, b = b.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { ASCII.lowercased($0) == ASCII.lowercased($1) }
    }
}
