import Digest
import Seeding
import Testing

@Suite struct DemoDocumentTests {
    /// Demo rows name the file by this digest; a wrong one would be a row pointing at no file.
    @Test func theDemoDocumentIsNamedByTheDigestOfItsBytes() {
        #expect(SHA256.hex(SHA256.hash(DemoDocument.bytes)) == DemoDocument.sha256)
        #expect(DemoDocument.bytes.count == 182_400)
        #expect(DemoDocument.bytes.starts(with: Array("%PDF-".utf8)))
    }
}
