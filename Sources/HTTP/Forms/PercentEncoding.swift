/// Percent-encoding as used in URLs and form bodies (RFC 3986 §2.1).
public enum PercentEncoding {
    /// Decodes `%XX` escapes. Nil when an escape is malformed or the result is not UTF-8,
    /// so callers can reject the input rather than guess.
    public static func decode(_ string: String) -> String? {
        guard string.utf8.contains(ASCII.percent) else { return string }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        var iterator = string.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == ASCII.percent else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(ASCII.hexValue),
                  let low = iterator.next().flatMap(ASCII.hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Escapes every byte outside `unreserved`; `spaceAsPlus` gives the form-encoding variant.
    public static func encode(_ string: String, unreserved: (UInt8) -> Bool, spaceAsPlus: Bool) -> String {
        // Most values (IDs, keys) need no escape at all: then the string is its own encoding.
        if string.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(unreserved) }) ?? string.utf8.allSatisfy(unreserved) {
            return string
        }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if unreserved(byte) {
                bytes.append(byte)
            } else if spaceAsPlus && byte == ASCII.space {
                bytes.append(ASCII.plus)
            } else {
                bytes += [ASCII.percent, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Decodes `%XX` escapes; nil when malformed. See `PercentEncoding.decode`.
public func percentDecode(_ string: String) -> String? {
    PercentEncoding.decode(string)
}
