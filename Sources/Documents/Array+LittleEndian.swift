// Fixed-width fields of binary file headers; ZIP and OLE compound files are little-endian.
extension Array where Element == UInt8 {
    /// The caller checks the bounds.
    func uint16(at index: Int) -> UInt16 {
        UInt16(self[index]) | UInt16(self[index + 1]) << 8
    }

    func uint32(at index: Int) -> UInt32 {
        UInt32(uint16(at: index)) | UInt32(uint16(at: index + 2)) << 16
    }
}
