/// Builds the header and first directory sector of an OLE compound file (version 3, 512-byte
/// sectors): enough for a reader that only looks at entry names.
enum CompoundFileBuilder {
    /// Up to three entries after the root. `directorySector` is the sector number the header
    /// points to; sectors before it are zeros.
    static func build(entryNames: [String], directorySector: UInt32 = 0) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        header.replaceSubrange(0x18..<0x20, with: le16(0x3E) + le16(3) + le16(0xFFFE) + le16(9))
        header.replaceSubrange(0x30..<0x34, with: le32(directorySector))
        let file = header + [UInt8](repeating: 0, count: 512 * Int(directorySector))
        var sector: [UInt8] = []
        for (index, name) in (["Root Entry"] + entryNames).enumerated() {
            var entry = [UInt8](repeating: 0, count: 128)
            let units = Array(name.utf16) + [0]
            for (offset, unit) in units.enumerated() { entry.replaceSubrange(offset * 2..<offset * 2 + 2, with: le16(unit)) }
            entry.replaceSubrange(0x40..<0x42, with: le16(UInt16(units.count * 2)))
            entry[0x42] = index == 0 ? 5 : 2
            sector += entry
        }
        sector += [UInt8](repeating: 0, count: 512 - sector.count)
        return file + sector
    }
}
