/// SHA-256 (FIPS 180-4): content addresses for PoE files (hashed as uploads are written, so a
/// file is never read twice) and the stored form of secret tokens, so that a copy of the
/// database hands out no live session or consent link. Whole blocks are compressed in place.
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    )
    private var pending: [UInt8] = []
    private var totalLength: UInt64 = 0

    public init() {
        pending.reserveCapacity(64)
    }

    public mutating func update(_ bytes: ArraySlice<UInt8>) {
        totalLength &+= UInt64(bytes.count)
        var index = bytes.startIndex
        // Fill a partial block first, then compress whole blocks straight from the input.
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending += bytes[index..<index + take]
            index += take
            if pending.count == 64 {
                let block = pending
                block.withUnsafeBytes { compress($0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        let wholeBlocksEnd = index + (bytes.endIndex - index) / 64 * 64
        if wholeBlocksEnd > index {
            bytes[index..<wholeBlocksEnd].withUnsafeBytes { blocks in
                for start in stride(from: 0, to: blocks.count, by: 64) {
                    compress(UnsafeRawBufferPointer(rebasing: blocks[start..<start + 64]))
                }
            }
            index = wholeBlocksEnd
        }
        pending += bytes[index...]
    }

    /// The digest in lowercase hex.
    public consuming func finalizeHex() -> String {
        let bitLength = totalLength &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBytes { blocks in
            for start in stride(from: 0, to: blocks.count, by: 64) {
                compress(UnsafeRawBufferPointer(rebasing: blocks[start..<start + 64]))
            }
        }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            for shift in stride(from: 28, through: 0, by: -4) {
                hex.append(digits[Int((word >> UInt32(shift)) & 0x0f)])
            }
        }
        return String(decoding: hex, as: UTF8.self)
    }

    public mutating func update(_ bytes: [UInt8]) { update(bytes[...]) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        update(Array(bytes)[...])
    }

    public consuming func finalize() -> [UInt8] {
        let hex = Array(finalizeHex().utf8)
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        return stride(from: 0, to: hex.count, by: 2).map { nibble(hex[$0]) << 4 | nibble(hex[$0 + 1]) }
    }

    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    public static func hexHash(_ string: String) -> String {
        var hasher = SHA256()
        hasher.update(Array(string.utf8))
        return hasher.finalizeHex()
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    private mutating func compress(_ block: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                // Big-endian words, read four bytes at a time.
                w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
            }
            for i in 16..<64 {
                let x = w[i &- 15], y = w[i &- 2]
                // σ0 and σ1 with one rotation folded into another: a rotation costs a copy as well.
                let s0 = rotr(rotr(x, 11) ^ x, 7) ^ (x &>> 3)
                let s1 = rotr(rotr(y, 2) ^ y, 17) ^ (y &>> 10)
                w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = state
            Self.k.withUnsafeBufferPointer { k in
                // Eight rounds a turn, the registers renamed instead of shifted: each round writes
                // only the two words it changes. Σ1(e) = rotr(rotr(rotr(e, 14) ^ e, 5) ^ e, 6), and
                // likewise Σ0, take three rotations without copies of e; Maj(a, b, c) reuses a ^ b
                // as the next round's b ^ c.
                @inline(__always)
                func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                           _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ i: Int, _ bc: inout UInt32) {
                    let sigma1 = rotr(rotr(rotr(e, 14) ^ e, 5) ^ e, 6)
                    let t1 = h &+ sigma1 &+ (g ^ (e & (f ^ g))) &+ k[i] &+ w[i]
                    let ab = a ^ b
                    let maj = b ^ (ab & bc)
                    bc = ab
                    let sigma0 = rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2)
                    d = d &+ t1
                    h = t1 &+ sigma0 &+ maj
                }
                var bc = b ^ c
                var i = 0
                while i < 64 {
                    round(a, b, c, &d, e, f, g, &h, i, &bc)
                    round(h, a, b, &c, d, e, f, &g, i &+ 1, &bc)
                    round(g, h, a, &b, c, d, e, &f, i &+ 2, &bc)
                    round(f, g, h, &a, b, c, d, &e, i &+ 3, &bc)
                    round(e, f, g, &h, a, b, c, &d, i &+ 4, &bc)
                    round(d, e, f, &g, h, a, b, &c, i &+ 5, &bc)
                    round(c, d, e, &f, g, h, a, &b, i &+ 6, &bc)
                    round(b, c, d, &e, f, g, h, &a, i &+ 7, &bc)
                    i &+= 8
                }
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
                     state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
        }
    }

    @inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }
}
