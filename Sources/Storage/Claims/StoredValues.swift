import Claims

/// The domain's enums read back from their stored raw values by comparing bytes with the few
/// cases of the same length: a synthesized `init(rawValue:)` compares the text with each case in
/// turn (about 1,450 instructions per product, 850 per state, callgrind), and a dictionary hashes
/// the whole text first (about 450).
enum StoredValues {
    static let states = RawValueTable(ClaimState.self)
    static let products = RawValueTable(Product.self)
    static let solutionAreas = RawValueTable(SolutionArea.self)
    static let activities = RawValueTable(Activity.self)
    static let deadlineKinds = RawValueTable(DeadlineKind.self)
    static let endCauses = RawValueTable(AssociationEnd.Cause.self)
    static let rejectionReasons = RawValueTable(RejectionReason.self)

    /// The products of a comma-separated list (as `group_concat` returns them), in catalog order;
    /// unknown names are skipped.
    static func productList(_ text: String) -> [Product] {
        var text = text
        var products: [Product] = []
        text.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
                if let product = Self.products[UnsafeBufferPointer(rebasing: bytes[start..<index])] { products.append(product) }
                start = index + 1
            }
        }
        return products.count < 2 ? products : products.sorted()
    }

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
    private let byLength: [[(bytes: [UInt8], value: Value)]]

    init(_ type: Value.Type) {
        var byLength: [[(bytes: [UInt8], value: Value)]] = []
        for value in Value.allCases {
            let bytes = Array(value.rawValue.utf8)
            while byLength.count <= bytes.count { byLength.append([]) }
            byLength[bytes.count].append((bytes, value))
        }
        self.byLength = byLength
    }

    subscript(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        guard bytes.count < byLength.count else { return nil }
        for entry in byLength[bytes.count] where entry.bytes.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) {
            return entry.value
        }
        return nil
    }

    subscript(_ text: String) -> Value? {
        var text = text
        return text.withUTF8 { self[$0] }
    }
}
