#if canImport(Glibc)
import Glibc
#endif

/// Makes a folder's entries durable. A rename or link is only a change to the folder, so until the
/// folder itself is synced a power cut can forget the new name even though the file's bytes were
/// synced: a committed row would then point at a missing file.
public enum DirectorySync {
    public static func sync(_ path: String) throws(DocumentFileError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DocumentFileError(call: "open", path: path, code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw DocumentFileError(call: "fsync", path: path, code: errno) }
    }
}
