// libFuzzer entry point for the SMTP reply parser (CPOR_FUZZ_TARGET=smtp-reply): whatever a
// server sends, replies come out or a MailError does, in bounded memory.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var parser = SMTPReplyParser()
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    for piece in [bytes[..<split], bytes[split...]] {
        parser.append(piece)
        do {
            while let reply = try parser.nextReply() {
                precondition((0...999).contains(reply.code) && !reply.lines.isEmpty, "reply \(reply)")
            }
        } catch {
            return 0
        }
    }
    return 0
}
