/// An enum of plain cases, hashed by its case. A raw-valued enum otherwise takes the standard
/// library's hashing of its raw value, a string, for every dictionary lookup and set test: the
/// label tables of every list row make several such lookups.
///
/// A plain enum of up to 256 cases is held in one byte, its case's index; equal values have equal
/// bytes, which is all hashing needs. (Equality stays the compiler's, which compares cases.)
public protocol CaseHashed: RawRepresentable, Hashable {}

extension CaseHashed where RawValue: Hashable {
    @inlinable
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: self) { bytes in
            if bytes.count == 1 { hasher.combine(bytes[0]) } else { hasher.combine(rawValue) }
        }
    }
}
