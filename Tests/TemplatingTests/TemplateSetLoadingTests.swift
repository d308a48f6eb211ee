import Foundation
import Testing
import Templating

@Suite struct TemplateSetLoadingTests {
    /// A fresh directory filled with `files` (relative path → contents), removed after `body`.
    private func withDirectory(_ files: [String: String], _ body: (String) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("templating-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        try body(root.path)
    }

    @Test func loadsNestedFoldersByRelativeName() throws {
        try withDirectory([
            "login.html": "{{> partials/nav }}<h1>{{t login.title }}</h1>",
            "claims/index.html": "{{> partials/nav }}{{# claims }}{{> claims/row }}{{/ claims }}",
            "claims/row.html": "<tr><td>{{ id }}</td></tr>",
            "partials/nav.html": "<nav>{{ user }}</nav>",
            "notes.txt": "not a template {{",
            ".hidden/old.html": "{{# broken",
        ]) { directory in
            let set = try TemplateSet.load(directory: directory)
            #expect(set.names == ["claims/index", "claims/row", "login", "partials/nav"])
            #expect(set.messageKeys() == ["login.title"])
            let output = try set.render("claims/index", ["user": "Ada", "claims": [["id": 7]]], localizer: { _ in nil })
            #expect(output == "<nav>Ada</nav><tr><td>7</td></tr>")
        }
    }

    @Test func syntaxErrorsNameTheFile() throws {
        try withDirectory(["claims/index.html": "<ul>\n{{# claims }}\n<li></li>\n"]) { directory in
            #expect(throws: TemplateError(file: "claims/index.html", line: 2, column: 1, message: "unclosed section 'claims'")) {
                try TemplateSet.load(directory: directory)
            }
        }
    }

    @Test func unknownPartialFailsAtLoad() throws {
        try withDirectory(["page.html": "ok\n  {{> partials/missing }}"]) { directory in
            #expect(throws: TemplateError(file: "page.html", line: 2, column: 3, message: "unknown partial 'partials/missing'")) {
                try TemplateSet.load(directory: directory)
            }
        }
    }

    @Test func missingDirectoryFails() {
        #expect(throws: TemplateError.self) {
            try TemplateSet.load(directory: "/nonexistent/templates-\(UUID().uuidString)")
        }
    }
}
