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

/// Byte by byte: every `&` starts one of the five entities and no other special byte is left, and
/// replacing the entities gives back the input. (Compared as bytes: a combining mark after `;`
/// would make a String search for "&lt;" miss it.)
func checkEscaping(_ text: String) {
    let output = Array(HTMLEscaper.escape(text).utf8)
    let entities: [(entity: [UInt8], byte: UInt8)] = [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")]
        .map { (Array($0.0.utf8), UInt8(ascii: $0.1)) }
    var back: [UInt8] = []
    var index = 0
    while index < output.count {
        let byte = output[index]
        if byte == UInt8(ascii: "&") {
            guard let match = entities.first(where: { output[index...].starts(with: $0.entity) }) else {
                preconditionFailure("a raw & in \(output)")
            }
            back.append(match.byte)
            index += match.entity.count
        } else {
            precondition(!"<>\"'".utf8.contains(byte), "a raw special character in \(output)")
            back.append(byte)
            index += 1
        }
    }
    precondition(back == Array(text.utf8), "escaping changed the text")
}
