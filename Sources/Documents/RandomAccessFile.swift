#if canImport(Glibc)
import Glibc
#endif

/// A file opened for reading at any offset, for formats that keep their index at the end (ZIP)
/// or at an offset named in their header (OLE compound files). Closed when the value goes away.
final class RandomAccessFile {
    let descriptor: Int32
    let path: String

    init(path: String) throws(DocumentFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DocumentFileError(call: "open", path: path, code: errno) }
        descriptor = fd
        self.path = path
    }

    func size() throws(DocumentFileError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw DocumentFileError(call: "fstat", path: path, code: errno) }
        return Int(info.st_size)
    }

    /// Up to `count` bytes starting at `offset`; fewer only at end of file.
    func read(upTo count: Int, at offset: Int) throws(DocumentFileError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let received = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if received < 0 {
                if errno == EINTR { continue }
                throw DocumentFileError(call: "pread", path: path, code: errno)
            }
            if received == 0 { break }
            filled += received
        }
        bytes.removeLast(count - filled)
        return bytes
    }

    deinit {
        close(descriptor)
    }
}
