import CCrypt
import Foundation

/// Random bytes for tokens, from the kernel's CSPRNG. A struct of closures so tests can inject
/// predictable values.
public struct SecureRandom: Sendable {
    public var bytes: @Sendable (Int) -> [UInt8]

    public init(bytes: @escaping @Sendable (Int) -> [UInt8]) { self.bytes = bytes }

    public static let system = SecureRandom { count in
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                getrandom(raw.baseAddress! + filled, count - filled, 0)
            }
            if got < 0 {
                if errno == EINTR { continue }
                fatalError("getrandom failed: \(String(cString: strerror(errno)))")
            }
            filled += got
        }
        return buffer
    }

    /// A URL-safe token carrying `bits` bits of randomness (base64url, no padding).
    public func token(bits: Int = 256) -> String {
        Data(bytes((bits + 7) / 8)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
