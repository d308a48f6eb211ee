import Testing
@testable import HTTP

@Suite struct ContentSHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, expected: String) {
        var hasher = ContentSHA256()
        hasher.update(Array(input.utf8)[...])
        #expect(hasher.finalizeHex() == expected)
    }

    @Test func piecesOfAnySizeGiveTheSameDigest() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var whole = ContentSHA256()
        whole.update(bytes[...])
        let expected = whole.finalizeHex()
        for piece in [1, 3, 63, 64, 65, 200] {
            var hasher = ContentSHA256()
            for start in stride(from: 0, to: bytes.count, by: piece) {
                hasher.update(bytes[start..<min(start + piece, bytes.count)])
            }
            #expect(hasher.finalizeHex() == expected, "pieces of \(piece)")
        }
    }
}
