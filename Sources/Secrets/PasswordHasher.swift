import CCrypt
import Foundation

/// Hashes passwords with libcrypt's yescrypt and verifies them in constant time.
/// The hash string carries its own salt and cost, so old hashes keep verifying if the cost changes.
public struct PasswordHasher: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let call: String
        public let errno: Int32
        public var description: String { "\(call) failed: \(String(cString: strerror(errno)))" }
    }

    /// What an account without a password yet stores: no password verifies against it.
    public static let noPassword = "!"

    public init() {}

    /// Whether `storedHash` is a real hash a password could match (not `noPassword`).
    public static func isUsable(_ storedHash: String) -> Bool { storedHash.hasPrefix("$") }

    public func hash(_ password: String) throws -> String {
        // nil random bytes: libcrypt draws the salt from the kernel's CSPRNG itself.
        guard let setting = crypt_gensalt_ra("$y$", 0, nil, 0) else {
            throw Failure(call: "crypt_gensalt_ra", errno: Glibc.errno)
        }
        defer { free(setting) }
        guard let hashed = Self.crypt(password, setting: String(cString: setting)), !hashed.hasPrefix("*") else {
            throw Failure(call: "crypt_r", errno: Glibc.errno)
        }
        return hashed
    }

    public func verify(_ password: String, against storedHash: String) -> Bool {
        guard let computed = Self.crypt(password, setting: storedHash), !computed.hasPrefix("*") else { return false }
        return ConstantTime.equals(Array(computed.utf8), Array(storedHash.utf8))
    }

    /// How many hashes may be worked out at once: one per core. yescrypt is memory-hard, and at
    /// its default cost each hash takes 16 MiB for as long as it runs. More at once finish no
    /// sooner on the same cores, but they add up: sixteen sign-ins arriving together raised the
    /// server's peak from about 50 MiB to 117-135 MiB. The others wait their turn here.
    private static let slots = DispatchSemaphore(value: max(1, ProcessInfo.processInfo.activeProcessorCount))

    private static func crypt(_ password: String, setting: String) -> String? {
        slots.wait()
        defer { slots.signal() }
        // struct crypt_data is ~32 KiB: keep it off the (small) worker-thread stacks.
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        defer { data.deallocate() }
        memset(data, 0, MemoryLayout<crypt_data>.size)
        guard let result = crypt_r(password, setting, data) else { return nil }
        return String(cString: result)
    }
}
