/// The entry names of a ZIP archive (PKWARE APPNOTE 6.3), which is all it takes to tell an
/// Office Open XML document from any other archive. Nothing is decompressed.
enum ZipEntryNames {
    static let localHeaderSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let centralHeaderSignature: UInt32 = 0x0201_4B50
    private static let endOfCentralDirectorySignature: UInt32 = 0x0605_4B50
    /// Office documents list a few dozen entries; a directory larger than this is not one.
    private static let maxCentralDirectoryBytes = 1024 * 1024

    /// Names from the central directory at the end of the file: the archive's own index,
    /// complete even when the entries were written with sizes deferred to data descriptors.
    /// Nil when there is no readable directory, as in a truncated file or ZIP64 archive.
    static func fromCentralDirectory(of file: RandomAccessFile) throws(DocumentFileError) -> [String]? {
        let size = try file.size()
        let tailLength = min(size, 22 + 0xFFFF)
        let tail = try file.read(upTo: tailLength, at: size - tailLength)
        // The end record is 22 bytes plus a comment of up to 64 KiB, so search backwards.
        var end = tail.count - 22
        while end >= 0 && tail.uint32(at: end) != endOfCentralDirectorySignature { end -= 1 }
        guard end >= 0 else { return nil }
        let directorySize = Int(tail.uint32(at: end + 12))
        let directoryOffset = Int(tail.uint32(at: end + 16))
        let endOffset = size - tailLength + end
        guard directorySize <= maxCentralDirectoryBytes, directoryOffset + directorySize <= endOffset else { return nil }
        let directory = try file.read(upTo: directorySize, at: directoryOffset)
        var names: [String] = []
        var index = 0
        while index + 46 <= directory.count, directory.uint32(at: index) == centralHeaderSignature {
            let nameLength = Int(directory.uint16(at: index + 28))
            let extraLength = Int(directory.uint16(at: index + 30))
            let commentLength = Int(directory.uint16(at: index + 32))
            guard index + 46 + nameLength <= directory.count else { break }
            names.append(String(decoding: directory[index + 46..<index + 46 + nameLength], as: UTF8.self))
            index += 46 + nameLength + extraLength + commentLength
        }
        return names
    }

    /// Names from the local file headers found in `prefix`, walking from one entry to the next;
    /// stops at an entry whose size is only given after its data.
    static func fromLocalHeaders(in prefix: [UInt8]) -> [String] {
        var names: [String] = []
        var index = 0
        while index + 30 <= prefix.count, prefix[index..<index + 4].elementsEqual(localHeaderSignature) {
            let flags = prefix.uint16(at: index + 6)
            let compressedSize = Int(prefix.uint32(at: index + 18))
            let nameLength = Int(prefix.uint16(at: index + 26))
            let extraLength = Int(prefix.uint16(at: index + 28))
            guard index + 30 + nameLength <= prefix.count else { break }
            names.append(String(decoding: prefix[index + 30..<index + 30 + nameLength], as: UTF8.self))
            let hasDataDescriptor = flags & 0x0008 != 0
            if hasDataDescriptor && compressedSize == 0 { break }
            index += 30 + nameLength + extraLength + compressedSize
        }
        return names
    }
}
