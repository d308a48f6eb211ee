/// The one PoE file every demo claim carries: a small one-page PDF, padded to the size the demo
/// pages show. `serve --demo` stores it, so every demo document row has its file and the demo
/// store passes `cpor check` like any other.
public enum DemoDocument {
    public static let bytes: [UInt8] = {
        let head = Array("""
            %PDF-1.4
            1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
            2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
            3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj
            trailer << /Root 1 0 R >>

            """.utf8)
        let tail = Array("%%EOF\n".utf8)
        let line = Array("% demo proof of execution\n".utf8)
        let fill = 182_400 - head.count - tail.count
        var filler: [UInt8] = []
        while filler.count < fill { filler += line }
        return head + filler.prefix(fill - 1) + [0x0A] + tail
    }()

    /// The SHA-256 of `bytes` (checked by a test), which names the stored file.
    public static let sha256 = "bfff11e3efa6cf6cb58f7433ef19e82a825ee7a435f6708686e87a30836d1304"
}
