// libFuzzer entry point for the Templating module: CPOR_FUZZ_TARGET is template (the parser) or
// html-escape (property: no raw < > " ' & in the output, and the text comes back unescaped).
import Foundation

let target = ProcessInfo.processInfo.environment["CPOR_FUZZ_TARGET"] ?? "template"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    switch target {
    case "template": _ = try? TemplateParser(name: "fuzz", file: "fuzz.html", source: text).parse()
    case "html-escape": checkEscaping(text)
    default: fatalError("unknown CPOR_FUZZ_TARGET \(target)")
    }
    return 0
}

func checkEscaping(_ text: String) {
    let escaped = HTMLEscaper.escape(text)
    var rest = escaped
    for entity in ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"] { rest = rest.replacingOccurrences(of: entity, with: "") }
    precondition(!rest.contains(where: { "<>\"'&".contains($0) }), "raw special character in \(escaped)")
    var back = escaped
    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
        back = back.replacingOccurrences(of: entity, with: character)
    }
    precondition(back == text, "escaping lost text")
}
