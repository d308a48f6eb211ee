import Foundation
import Testing
@testable import HTTP

@Suite struct ClientAddressTests {
    private func address(_ text: String) -> ClientAddress {
        var storage = sockaddr_storage()
        withUnsafeMutablePointer(to: &storage) { pointer in
            if text.contains(":") {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    $0.pointee.sin6_family = sa_family_t(AF_INET6)
                    $0.pointee.sin6_port = UInt16(40000).bigEndian
                    _ = inet_pton(AF_INET6, text, &$0.pointee.sin6_addr)
                }
            } else {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    $0.pointee.sin_family = sa_family_t(AF_INET)
                    $0.pointee.sin_port = UInt16(40000).bigEndian
                    _ = inet_pton(AF_INET, text, &$0.pointee.sin_addr)
                }
            }
        }
        return ClientAddress(storage)
    }

    @Test func countsEachIPv4AddressApart() {
        #expect(address("192.0.2.1") == address("192.0.2.1"))
        #expect(address("192.0.2.1") != address("192.0.2.2"))
    }

    @Test func countsAnIPv6SubscriberByItsSlash64() {
        #expect(address("2001:db8:1:2::1") == address("2001:db8:1:2:ffff::9"))
        #expect(address("2001:db8:1:2::1") != address("2001:db8:1:3::1"))
    }

    @Test func countsAMappedIPv4ClientAsThatIPv4Client() {
        #expect(address("::ffff:192.0.2.1") == address("192.0.2.1"))
        #expect(address("::ffff:192.0.2.1") != address("::ffff:192.0.2.2"))
        #expect(address("::1") != address("0.0.0.1"))
    }
}
