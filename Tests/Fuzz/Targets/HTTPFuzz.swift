// libFuzzer entry point for the HTTP module's parsers, compiled into one binary with the module's
// sources (see scripts/fuzz). CPOR_FUZZ_TARGET picks the parser: request-head, chunked,
// multipart or forms. Crashes, leaks, hangs and the properties checked below are the findings.
import Foundation

let target = ProcessInfo.processInfo.environment["CPOR_FUZZ_TARGET"] ?? "request-head"
let chunkedHead = Array("POST /claims HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
let limits = HTTPParserLimits(maxRequestLineBytes: 1024, maxHeaderBytes: 4096, maxHeaderCount: 20, maxBodyBytes: 64 * 1024)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch target {
    case "request-head": parseRequests(bytes)
    case "chunked": parseRequests(chunkedHead + bytes)
    case "multipart": parseMultipart(bytes)
    case "forms": decodeForms(bytes)
    default: fatalError("unknown CPOR_FUZZ_TARGET \(target)")
    }
    return 0
}

/// Feeds the bytes in two pieces, split where the first byte says, as a socket would deliver them.
func parseRequests(_ bytes: [UInt8]) {
    var parser = HTTPRequestParser(limits: limits)
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    for piece in [bytes[..<split], bytes[split...]] {
        parser.feed(piece)
        do {
            while let request = try parser.nextRequest() {
                _ = request.cookies
                _ = request.queryItems
            }
        } catch {
            return
        }
    }
}

func parseMultipart(_ bytes: [UInt8]) {
    var parser = MultipartParser(boundary: "b0undary", limits: MultipartLimits(maxParts: 8, maxFieldBytes: 1024,
                                                                                maxFileBytes: 8192, maxHeaderBytes: 1024))
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    do {
        for piece in [Array(bytes[..<split]), Array(bytes[split...])] {
            try parser.consume(piece) { event in
                if case .partBegan(let head) = event { _ = head.name }
            }
        }
        try parser.finish()
    } catch {
        return
    }
}

/// Decoding never crashes, and what is decoded survives encoding and decoding again.
func decodeForms(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let pairs = FormURLEncoded.decode(text)
    let again = FormURLEncoded.decode(FormURLEncoded.encode(pairs))
    precondition(again.map(\.0) == pairs.map(\.0) && again.map(\.1) == pairs.map(\.1), "form round trip changed \(pairs)")
    if let decoded = PercentEncoding.decode(text) {
        let encoded = PercentEncoding.encode(decoded, unreserved: { _ in false }, spaceAsPlus: false)
        precondition(PercentEncoding.decode(encoded) == decoded, "percent round trip changed \(decoded)")
    }
    var headers = HTTPHeaders()
    headers.add("Cookie", text)
    _ = HTTPRequest(method: .get, target: "/" + text, headers: headers).cookies
}
