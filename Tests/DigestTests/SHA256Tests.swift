import Testing
import Digest

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, expected: String) {
        #expect(SHA256.hexHash(input) == expected)
    }

    @Test func millionAsInPieces() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { chunk.withUnsafeBytes { hasher.update($0) } }
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func everyChunkSizeGivesTheSameDigest() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.hex(SHA256.hash(bytes))
        for chunk in [1, 3, 63, 64, 65, 127, 128, 999] {
            var hasher = SHA256()
            var start = 0
            while start < bytes.count {
                hasher.update(bytes[start..<min(start + chunk, bytes.count)])
                start += chunk
            }
            #expect(hasher.finalizeHex() == whole)
        }
    }

    @Test func splitUpdatesMatchOneShot() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for split in [0, 1, 63, 64, 65, 200, 300] {
            var hasher = SHA256()
            bytes[..<split].withUnsafeBytes { hasher.update($0) }
            hasher.update(Array(bytes[split...]))
            #expect(hasher.finalize() == SHA256.hash(bytes))
        }
    }
}
