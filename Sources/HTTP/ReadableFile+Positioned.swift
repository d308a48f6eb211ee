#if canImport(Glibc)
import Glibc
#endif

// Random access for inspecting file formats that keep their index at the end (ZIP) or at an
// offset named in their header (OLE compound files).
extension ReadableFile {
    func size() throws -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw HTTPServerError(call: "fstat") }
        return Int(info.st_size)
    }

    /// Up to `count` bytes starting at `offset`; fewer only at end of file.
    func read(upTo count: Int, at offset: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let received = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if received < 0 {
                if errno == EINTR { continue }
                throw HTTPServerError(call: "pread")
            }
            if received == 0 { break }
            filled += received
        }
        bytes.removeLast(count - filled)
        return bytes
    }
}
