// libFuzzer entry point for the file-type detector (CPOR_FUZZ_TARGET=file-type): the bytes of an
// upload, from the start of the file and, through a real file, with its ZIP or compound-file
// directory read where it lies.
import Foundation

let scratch = NSTemporaryDirectory() + "cpor-fuzz-file-type-\(getpid())"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let fromPrefix = FileSignature.documentType(prefix: Array(bytes.prefix(FileSignature.prefixLength)))
    guard FileManager.default.createFile(atPath: scratch, contents: Data(bytes)) else { return 0 }
    defer { unlink(scratch) }
    let fromFile = try? FileSignature.documentType(ofFileAt: scratch)
    // What the start alone proves, the whole file cannot contradict (Office types may need more).
    if let fromPrefix, [.pdf, .png, .jpeg].contains(fromPrefix) {
        precondition(fromFile == fromPrefix, "prefix says \(fromPrefix), file says \(String(describing: fromFile))")
    }
    return 0
}
