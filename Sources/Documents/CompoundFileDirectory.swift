/// The directory of an OLE compound file ([MS-CFB]), the container of Outlook `.msg` files but
/// also of legacy Word and Excel files, which only the names of the entries tell apart.
enum CompoundFileDirectory {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    private static let headerLength = 512
    private static let entryLength = 128

    /// The entry names in the first directory sector, read from `prefix` when it holds that
    /// sector and from `file` otherwise. Nil when the header is not a compound file's.
    static func firstEntryNames(prefix: [UInt8], file: RandomAccessFile?) throws(DocumentFileError) -> [String]? {
        guard prefix.count >= headerLength, prefix.starts(with: signature) else { return nil }
        let sectorShift = Int(prefix.uint16(at: 0x1E))
        guard sectorShift == 9 || sectorShift == 12 else { return nil }
        let sectorLength = 1 << sectorShift
        let firstDirectorySector = Int(prefix.uint32(at: 0x30))
        // Sector numbers from 0xFFFFFFFA up are markers, not locations.
        guard firstDirectorySector < 0xFFFF_FFFA else { return nil }
        let offset = (firstDirectorySector + 1) * sectorLength
        let sector: [UInt8]
        if offset + sectorLength <= prefix.count {
            sector = Array(prefix[offset..<offset + sectorLength])
        } else if let file {
            sector = try file.read(upTo: sectorLength, at: offset)
        } else {
            return nil
        }
        guard sector.count == sectorLength else { return nil }
        var names: [String] = []
        for start in stride(from: 0, to: sectorLength, by: entryLength) {
            let nameBytes = Int(sector.uint16(at: start + 0x40))
            let objectType = sector[start + 0x42]
            // Unused slots have type 0; names are UTF-16LE with a terminating NUL counted in the length.
            guard objectType != 0, nameBytes >= 2, nameBytes <= 64, nameBytes % 2 == 0 else { continue }
            let units = stride(from: start, to: start + nameBytes - 2, by: 2).map { sector.uint16(at: $0) }
            names.append(String(decoding: units, as: UTF16.self))
        }
        return names
    }
}
