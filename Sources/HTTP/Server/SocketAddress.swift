#if canImport(Glibc)
import Glibc
#endif

/// Conversions between socket addresses and the text written to logs and `remoteAddress`.
enum SocketAddress {
    static func describe(_ storage: sockaddr_storage) -> String {
        var storage = storage
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
                switch Int32(address.pointee.sa_family) {
                case AF_INET:
                    return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                        var ip = v4.pointee.sin_addr
                        inet_ntop(AF_INET, &ip, &text, socklen_t(text.count))
                        return "\(String(decoding: text.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self)):\(UInt16(bigEndian: v4.pointee.sin_port))"
                    }
                case AF_INET6:
                    return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                        var ip = v6.pointee.sin6_addr
                        inet_ntop(AF_INET6, &ip, &text, socklen_t(text.count))
                        return "[\(String(decoding: text.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self))]:\(UInt16(bigEndian: v6.pointee.sin6_port))"
                    }
                default:
                    return "unknown"
                }
            }
        }
    }

    /// The port a bound socket listens on.
    static func localPort(of fd: Int32) throws -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw HTTPServerError(call: "getsockname") }
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                if Int32(address.pointee.sa_family) == AF_INET6 {
                    return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
                }
                return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        }
    }
}
