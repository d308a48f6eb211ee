import Foundation

extension TemplateSet {
    /// Parses every `*.html` file under `directory`, recursively, once.
    ///
    /// A template's name is its path relative to `directory` without `.html` (`claims/index`,
    /// `partials/nav`); errors name the file by that relative path. Hidden files and folders
    /// (editor swap files, `.git`) are skipped.
    public static func load(directory: String) throws(TemplateError) -> TemplateSet {
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = fileManager.enumerator(atPath: root.path)
        else {
            throw TemplateError(file: directory, line: 0, column: 0, message: "template directory not found")
        }

        var sources: [(name: String, file: String, source: String)] = []
        while let relativePath = enumerator.nextObject() as? String {
            guard relativePath.hasSuffix(".html"),
                  !relativePath.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            else { continue }
            let path = root.appendingPathComponent(relativePath).path
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            guard let data = fileManager.contents(atPath: path) else {
                throw TemplateError(file: relativePath, line: 0, column: 0, message: "cannot read file")
            }
            guard let source = String(data: data, encoding: .utf8) else {
                throw TemplateError(file: relativePath, line: 0, column: 0, message: "not valid UTF-8")
            }
            sources.append((name: String(relativePath.dropLast(".html".count)), file: relativePath, source: source))
        }
        return try TemplateSet(sources: sources)
    }
}
