import HTTP

/// A query string's name/value pairs, in order, as a route reads them and prints them back.
struct QueryItems: Equatable, Sendable {
    private(set) var pairs: [Pair] = []

    struct Pair: Equatable, Sendable {
        var name: String
        var value: String
    }

    init() {}

    init(_ pairs: [(String, String)]) {
        self.pairs = pairs.map { Pair(name: $0.0, value: $0.1) }
    }

    /// The first value of `name`.
    subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// The first value of `name`, nil when absent or empty.
    func nonEmpty(_ name: String) -> String? { self[name].flatMap { $0.isEmpty ? nil : $0 } }

    func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    func contains(_ name: String) -> Bool { pairs.contains { $0.name == name } }

    /// Adds the pair unless `value` is nil.
    mutating func append(_ name: String, _ value: String?) {
        if let value { pairs.append(Pair(name: name, value: value)) }
    }

    var asTuples: [(String, String)] { pairs.map { ($0.name, $0.value) } }

    /// `application/x-www-form-urlencoded`, as browsers send a GET form.
    var encoded: String { pairs.isEmpty ? "" : FormURLEncoded.encode(pairs.lazy.map { ($0.name, $0.value) }) }
}

extension HTTPRequest {
    var query: QueryItems { QueryItems(queryItems) }
}
