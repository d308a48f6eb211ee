import Claims
import Foundation
import Templating

/// The plain-text and HTML version of every e-mail kind, `Templates/emails/<kind>.txt` and
/// `.html`, checked at start-up: a kind without both stops the service before it takes a request.
struct EmailTemplates: Sendable {
    /// The HTML versions are ordinary page templates (escaped by construction).
    let html: TemplateSet
    /// Plain text is not HTML, so these substitute values as they are: they use `{{{ }}}` only.
    let text: TemplateSet

    struct MissingTemplate: Error, CustomStringConvertible {
        let file: String
        var description: String { "missing e-mail template \(file)" }
    }

    static func load(directory: String, html: TemplateSet) throws -> EmailTemplates {
        let folder = directory + "/emails"
        var sources: [String: String] = [:]
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasSuffix(".txt") {
            sources["emails/" + file.dropLast(".txt".count)] = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        }
        let text = try TemplateSet(templates: sources)
        for kind in EmailKind.allCases {
            let name = "emails/" + kind.rawValue
            guard text.names.contains(name) else { throw MissingTemplate(file: name + ".txt") }
            guard html.names.contains(name) else { throw MissingTemplate(file: name + ".html") }
        }
        return EmailTemplates(html: html, text: text)
    }
}
