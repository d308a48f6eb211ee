import Foundation

/// Lines for the terminal or the log collector, written straight to file descriptor 1: stdout's
/// C buffer would hold access-log lines back when output goes to a pipe or a file.
enum Console {
    static func print(_ line: String, terminator: String = "\n") {
        write(Array((line + terminator).utf8))
    }

    /// Writes all of `bytes`, retrying short writes and interruptions.
    static func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
