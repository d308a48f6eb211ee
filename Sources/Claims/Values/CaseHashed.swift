/// An enum of plain cases, hashed by its case. A raw-valued enum otherwise takes the standard
/// library's hashing of its raw value, a string, for every dictionary lookup and set test: the
/// label tables of every list row make several such lookups.
///
/// A plain enum of up to 256 cases is held in one byte, its case's index; equal values have equal
/// bytes, which is all hashing needs. (Equality stays the compiler's, which compares cases.)
public protocol CaseHashed: RawRepresentable, Hashable {}

extension CaseHashed {
    /// The case's index, the one byte a plain enum is held in; nil for any other layout.
    @inlinable
    public var caseIndex: UInt8? {
        withUnsafeBytes(of: self) { $0.count == 1 ? $0[0] : nil }
    }
}

extension CaseHashed where RawValue: Hashable {
    @inlinable
    public func hash(into hasher: inout Hasher) {
        if let caseIndex { hasher.combine(caseIndex) } else { hasher.combine(rawValue) }
    }
}
