/// Builds small, valid ZIP archives with stored (uncompressed) entries, so tests can make
/// Office documents byte by byte without a zip tool.
struct ZipArchiveBuilder {
    private var entries: [(name: String, content: [UInt8])] = []
    /// Writes sizes and CRC after each entry's data, as streaming writers do, so only the central
    /// directory tells where an entry ends.
    var usesDataDescriptors = false

    mutating func add(_ name: String, _ content: String) {
        entries.append((name, Array(content.utf8)))
    }

    func build() -> [UInt8] {
        var archive: [UInt8] = []
        var centralDirectory: [UInt8] = []
        for entry in entries {
            let offset = archive.count
            let name = Array(entry.name.utf8)
            let crc = Self.crc32(entry.content)
            let size = UInt32(entry.content.count)
            let flags: UInt16 = usesDataDescriptors ? 0x0008 : 0
            archive += le32(0x0403_4B50) + le16(20) + le16(flags) + le16(0) + le16(0) + le16(0x21)
            archive += usesDataDescriptors ? le32(0) + le32(0) + le32(0) : le32(crc) + le32(size) + le32(size)
            archive += le16(UInt16(name.count)) + le16(0) + name + entry.content
            if usesDataDescriptors {
                archive += le32(0x0807_4B50) + le32(crc) + le32(size) + le32(size)
            }
            centralDirectory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(flags) + le16(0) + le16(0) + le16(0x21)
            centralDirectory += le32(crc) + le32(size) + le32(size)
            centralDirectory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            centralDirectory += le32(UInt32(offset)) + name
        }
        let directoryOffset = archive.count
        archive += centralDirectory
        archive += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        archive += le32(UInt32(centralDirectory.count)) + le32(UInt32(directoryOffset)) + le16(0)
        return archive
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func officeDocument(mainFolder: String, usesDataDescriptors: Bool = false) -> [UInt8] {
        var builder = ZipArchiveBuilder()
        builder.usesDataDescriptors = usesDataDescriptors
        builder.add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        builder.add("_rels/.rels", #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#)
        let mainPart = mainFolder == "word" ? "word/document.xml" : "xl/workbook.xml"
        builder.add(mainPart, #"<?xml version="1.0"?><root/>"#)
        return builder.build()
    }
}

func le16(_ value: UInt16) -> [UInt8] {
    [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
}

func le32(_ value: UInt32) -> [UInt8] {
    le16(UInt16(truncatingIfNeeded: value)) + le16(UInt16(truncatingIfNeeded: value >> 16))
}
