import Foundation

/// Lines for the terminal or the log collector, written straight to file descriptor 1: stdout's
/// C buffer would hold access-log lines back when output goes to a pipe or a file.
enum Console {
    static func print(_ line: String, terminator: String = "\n") {
        let bytes = Array((line + terminator).utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
