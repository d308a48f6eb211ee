/// Identifies an uploaded document by its content, never by its name or declared type, both of
/// which the client chooses.
public enum FileSignature {
    /// How much of the start of a file `documentType(ofFileAt:)` reads; enough for every check
    /// except the ZIP and compound-file indexes, which are read where they lie.
    public static let prefixLength = 64 * 1024

    /// Reads the file's first `prefixLength` bytes, plus the ZIP central directory or the
    /// compound-file directory when the start of the file points to one.
    public static func documentType(ofFileAt path: String) throws(DocumentFileError) -> DocumentType? {
        let file = try RandomAccessFile(path: path)
        let prefix = try file.read(upTo: prefixLength, at: 0)
        return try documentType(prefix: prefix, file: file)
    }

    /// Decides from the start of a file alone. An Office document is recognised only if its
    /// entries are listed in `prefix`, and an Outlook message only if its directory lies there.
    public static func documentType(prefix: [UInt8]) -> DocumentType? {
        // Without a file nothing is read, so nothing can throw.
        (try? documentType(prefix: prefix, file: nil)) ?? nil
    }

    static func documentType(prefix: [UInt8], file: RandomAccessFile?) throws(DocumentFileError) -> DocumentType? {
        if prefix.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if prefix.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if prefix.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if prefix.starts(with: ZipEntryNames.localHeaderSignature) {
            let names = try file.flatMap(ZipEntryNames.fromCentralDirectory) ?? ZipEntryNames.fromLocalHeaders(in: prefix)
            return officeDocumentType(entryNames: names)
        }
        if prefix.starts(with: CompoundFileDirectory.signature) {
            let names = try CompoundFileDirectory.firstEntryNames(prefix: prefix, file: file) ?? []
            return names.contains(where: isOutlookMessageEntry) ? .msg : nil
        }
        if looksLikeMailMessage(prefix) { return .eml }
        return nil
    }

    /// Every Office Open XML package has `[Content_Types].xml`; the main part's folder tells a
    /// document from a workbook. A workbook embedded in a document sits under `word/`, so it does
    /// not make the document look like a workbook.
    private static func officeDocumentType(entryNames names: [String]) -> DocumentType? {
        guard names.contains("[Content_Types].xml") else { return nil }
        if names.contains(where: { $0.hasPrefix("word/") }) { return .docx }
        if names.contains(where: { $0.hasPrefix("xl/") }) { return .xlsx }
        return nil
    }

    /// Outlook stores every property and sub-object of a message under names like these
    /// ([MS-OXMSG] §2.2); Word and Excel files use names such as `WordDocument` and `Workbook`.
    private static func isOutlookMessageEntry(_ name: String) -> Bool {
        ["__substg1.0_", "__properties_version1.0", "__nameid_version1.0", "__recip_version1.0_", "__attach_version1.0_"]
            .contains { name.hasPrefix($0) }
    }
}
