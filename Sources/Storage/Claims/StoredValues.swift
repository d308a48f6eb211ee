import Claims
import Glibc
import SQLite

/// The domain's enums read back from their stored raw values by comparing bytes with the few
/// cases of the same length: a synthesized `init(rawValue:)` compares the text with each case in
/// turn (about 1,450 instructions per product, 850 per state, callgrind), and a dictionary hashes
/// the whole text first (about 450).
enum StoredValues {
    static let states = RawValueTable(ClaimState.self)
    static let products = RawValueTable(Product.self, order: catalog)
    static let solutionAreas = RawValueTable(SolutionArea.self)
    static let activities = RawValueTable(Activity.self)
    static let deadlineKinds = RawValueTable(DeadlineKind.self)
    static let endCauses = RawValueTable(AssociationEnd.Cause.self)
    static let rejectionReasons = RawValueTable(RejectionReason.self)

    /// The products of a comma-separated list (a claim's `products` column), each once, in catalog
    /// order; unknown names are skipped. Marked by their place in the catalog and read off in its
    /// order: no sort, and no comparison that looks a product up.
    static func productList(_ text: String) -> [Product] {
        var text = text
        return text.withUTF8 { productList($0) }
    }

    static func productList(_ bytes: UnsafeBufferPointer<UInt8>) -> [Product] {
        var found: UInt64 = 0
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
            if let position = Self.products.position(of: UnsafeBufferPointer(rebasing: bytes[start..<index])) {
                found |= 1 << position
            }
            start = index + 1
        }
        var products: [Product] = []
        products.reserveCapacity(found.nonzeroBitCount)
        while found != 0 {
            products.append(Self.catalog[found.trailingZeroBitCount])
            found &= found - 1
        }
        return products
    }

    /// Every product in catalog order; `productList` marks them in a 64-bit set.
    private static let catalog: [Product] = {
        let catalog = Product.allCases.sorted()
        precondition(catalog.count <= UInt64.bitWidth, "productList marks products in a UInt64")
        return catalog
    }()

    /// A JSON array of plain strings (no escapes), as `json_extract` returns the stored rejection
    /// reasons, split without a JSONDecoder; nil for anything else, which the caller decodes fully.
    static func plainStrings(_ json: String) -> [String]? {
        let bytes = Array(json.utf8)
        guard bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]"), !bytes.contains(UInt8(ascii: "\\")) else {
            return nil
        }
        var strings: [String] = []
        var index = 1
        let end = bytes.count - 1
        while index < end {
            guard bytes[index] == UInt8(ascii: "\"") else { return nil }
            guard let close = bytes[(index + 1)..<end].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            strings.append(String(decoding: bytes[(index + 1)..<close], as: UTF8.self))
            index = close + 1
            if index < end {
                // A comma, and another string after it.
                guard bytes[index] == UInt8(ascii: ","), index + 1 < end else { return nil }
                index += 1
            }
        }
        return strings
    }
}

/// An enum's cases by their raw values' UTF-8, grouped by length.
struct RawValueTable<Value: RawRepresentable & CaseIterable & Sendable>: Sendable where Value.RawValue == String {
    private let byLength: [[(bytes: [UInt8], value: Value, position: Int)]]

    /// `order`: how the cases are numbered for `position(of:)`; `allCases`' order by default.
    init(_ type: Value.Type, order: [Value] = Array(Value.allCases)) {
        var byLength: [[(bytes: [UInt8], value: Value, position: Int)]] = []
        for (position, value) in order.enumerated() {
            let bytes = Array(value.rawValue.utf8)
            while byLength.count <= bytes.count { byLength.append([]) }
            byLength[bytes.count].append((bytes, value, position))
        }
        self.byLength = byLength
    }

    subscript(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        entry(bytes)?.value
    }

    /// The case's number in the table's order.
    func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        entry(bytes)?.position
    }

    private func entry(_ bytes: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], value: Value, position: Int)? {
        guard bytes.count < byLength.count, let start = bytes.baseAddress else { return nil }
        for entry in byLength[bytes.count] where entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, start, bytes.count) == 0 }) {
            return entry
        }
        return nil
    }

    subscript(_ text: String) -> Value? {
        var text = text
        return text.withUTF8 { self[$0] }
    }
}

extension StatementRow {
    /// A stored enum's raw value, looked up where SQLite holds it rather than read into a
    /// `String` first; nil for NULL or a value the table does not know.
    func stored<Value>(at index: Int, _ table: RawValueTable<Value>) throws -> Value? {
        try withOptionalText(at: index) { table[$0] } ?? nil
    }
}
