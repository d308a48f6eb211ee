import Foundation
import Testing
@testable import App

/// Markup rules a screen reader depends on, checked on every committed page snapshot: no tag
/// repeats an attribute (browsers drop the second, so an error named in a second
/// `aria-describedby` is never read), every `aria-describedby` names ids on the page, every
/// `<label for>` points at a form control, and ids are unique.
@Suite struct PageMarkupTests {
    static func snapshots() throws -> [(name: String, html: String)] {
        let folder = PageSnapshotTests.folder
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".html") }.sorted().map {
            ($0, try String(contentsOfFile: folder + "/" + $0, encoding: .utf8))
        }
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    @Test func everySnapshotFollowsTheRules() throws {
        let pages = try Self.snapshots()
        #expect(pages.count >= 40)
        for (name, html) in pages {
            var ids: [String: Int] = [:]
            for match in Self.matches(#"\sid="([^"]+)""#, in: html) { ids[match[1], default: 0] += 1 }
            for (id, count) in ids where count > 1 { Issue.record("\(name): id \(id) appears \(count) times") }
            for tag in Self.matches(#"<[a-zA-Z][^<>]*>"#, in: html).map({ $0[0] }) {
                let names = Self.matches(#"\s([a-zA-Z-]+)="#, in: tag).map { $0[1].lowercased() }
                if Set(names).count != names.count { Issue.record("\(name): a repeated attribute in \(tag)") }
                for described in Self.matches(#"aria-describedby="([^"]*)""#, in: tag) {
                    for id in described[1].split(separator: " ") where ids[String(id)] == nil {
                        Issue.record("\(name): aria-describedby names \(id), which is not on the page")
                    }
                }
            }
            for label in Self.matches(#"<label[^>]*\sfor="([^"]+)""#, in: html) {
                let target = Self.matches(#"<(input|select|textarea)[^>]*\sid="\#(NSRegularExpression.escapedPattern(for: label[1]))""#, in: html)
                if target.isEmpty { Issue.record("\(name): <label for=\"\(label[1])\"> points at no form control") }
            }
        }
    }
}
