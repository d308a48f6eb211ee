import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes each message to a folder as an .eml file instead of sending it: the default when no
/// SMTP server is configured, and a record a developer can open in any mail client.
///
/// Files are named "<yyyyMMdd-HHmmss>-<message id>.eml" (UTC date of the message), so a listing
/// sorts by date; a message written again under the same ID replaces the earlier file. Which file
/// holds an ID's latest copy is kept in a hidden symbolic link, ".<message id>.current", so that
/// finding an earlier copy reads one link instead of listing a folder that only grows.
public struct FileTransport: MailTransport {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    public func send(_ message: MailMessage) throws {
        try write(message)
    }

    /// The file name for `message`, without the folder.
    public static func fileName(for message: MailMessage) -> String {
        "\(MailDate.fileStamp(message.date))-\(fileSafeID(message.messageID)).eml"
    }

    private func write(_ message: MailMessage) throws(MailError) {
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .temporary("cannot create mail folder \(folder): \(error.localizedDescription)")
            }
            try Self.syncFolder((folder as NSString).deletingLastPathComponent)
        }
        let name = Self.fileName(for: message)
        let path = "\(folder)/\(name)"
        // A reader never sees half a message: the bytes go to a hidden temporary file that
        // rename(2) then swaps in, replacing any earlier copy in one step.
        let temporary = "\(folder)/.\(name).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
        do {
            try Self.writeFile(temporary, message.rendered())
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let failure = Self.systemFailure("rename", path)
            unlink(temporary)
            throw failure
        }
        try replaceEarlierCopy(with: name, id: Self.fileSafeID(message.messageID))
        // The rename is a change to the folder: until the folder is synced, a power cut can lose
        // the message after the outbox has been told it was delivered.
        try Self.syncFolder(folder)
    }

    /// Names of the hidden temporary files an interrupted write leaves in `folder`; no outbox row
    /// ever refers to one, so `serve` removes them at start-up.
    public static func isTemporaryFile(_ name: String) -> Bool {
        name.hasPrefix(".") && name.hasSuffix(".tmp")
    }

    private static func syncFolder(_ folder: String) throws(MailError) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw systemFailure("open", folder) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw systemFailure("fsync", folder) }
    }

    /// A message retried with another date gets another name; the newest copy wins. The ID's link
    /// is pointed at `name` first (a new link renamed over the old one, in one step), and then the
    /// file it pointed at before, if another, is removed: a crash in between leaves an extra copy,
    /// never a link to nothing.
    private func replaceEarlierCopy(with name: String, id: String) throws(MailError) {
        let link = "\(folder)/.\(id).current"
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(link, &target, target.count - 1)
        let earlier: String? = length > 0 ? String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
        guard earlier != name else { return }
        let temporary = "\(folder)/.\(id).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).link.tmp"
        guard symlink(name, temporary) == 0 else { throw Self.systemFailure("symlink", temporary) }
        guard rename(temporary, link) == 0 else {
            let failure = Self.systemFailure("rename", link)
            unlink(temporary)
            throw failure
        }
        // Only a file name this transport writes is removed: the link's target is never a path.
        if let earlier, !earlier.contains("/"), earlier.hasSuffix("-\(id).eml") {
            unlink("\(folder)/\(earlier)")
        }
    }

    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws(MailError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw systemFailure("open", path) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw systemFailure("write", path)
            }
            offset += written
        }
        // Without the sync, a crash right after rename could leave an empty file under the final name.
        guard fsync(fd) == 0 else { throw systemFailure("fsync", path) }
    }

    /// A full disk or a permission problem can be fixed without changing the message.
    private static func systemFailure(_ call: String, _ path: String, errno code: Int32 = errno) -> MailError {
        .temporary("\(call) \(path) failed: \(String(cString: strerror(code))) [errno \(code)]")
    }

    /// The ID without its angle brackets, with every byte other than letters, digits and
    /// ".@_+-" written as %XX: distinct IDs keep distinct names and none can leave the folder.
    /// A very long ID is cut and ends in a hash of the whole, keeping the name under the
    /// 255-byte limit of most file systems.
    static func fileSafeID(_ id: String) -> String {
        var core = Substring(id)
        if core.hasPrefix("<") && core.hasSuffix(">") && core.count >= 2 { core = core.dropFirst().dropLast() }
        var safe = ""
        for byte in core.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                safe.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                safe += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        if safe.isEmpty { return "no-id" }
        return safe.count <= 200 ? safe : "\(safe.prefix(180))~\(FNV1a.hex(id))"
    }
}
