#if canImport(Glibc)
import Glibc
#endif

/// Where a connection comes from, as the per-address connection cap counts it: an IPv4
/// address, or the /64 prefix of an IPv6 one, since a single IPv6 subscriber usually holds a
/// whole /64 and could otherwise use a fresh address for every connection.
struct ClientAddress: Hashable {
    private let family: Int32
    /// The IPv4 address, or the first 64 bits of the IPv6 one, in network order.
    private let bits: UInt64

    init(_ storage: sockaddr_storage) {
        var storage = storage
        (family, bits) = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address -> (Int32, UInt64) in
                switch Int32(address.pointee.sa_family) {
                case AF_INET:
                    return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        (AF_INET, UInt64(UInt32(bigEndian: $0.pointee.sin_addr.s_addr)))
                    }
                case AF_INET6:
                    return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        Self.key(ipv6: withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) })
                    }
                default:
                    return (0, 0)
                }
            }
        }
    }

    private static func key(ipv6 bytes: [UInt8]) -> (Int32, UInt64) {
        func number(_ slice: ArraySlice<UInt8>) -> UInt64 { slice.reduce(0) { $0 << 8 | UInt64($1) } }
        // A dual-stack listener sees an IPv4 client as ::ffff:a.b.c.d; it is that IPv4 client.
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return (AF_INET, number(bytes[12..<16]))
        }
        return (AF_INET6, number(bytes[0..<8]))
    }
}
