/// A statement's parameters as libpq takes them: one declared type each, and one NUL-terminated text each, or a
/// null pointer for NULL. The texts live in one buffer, whose pointers are valid only inside `withTexts`.
struct ParameterList {
    let types: [UInt32]
    private let buffer: [CChar]
    /// Where each parameter's text starts in `buffer`; nil for NULL.
    private let offsets: [Int?]

    /// Refuses a text holding a NUL character: libpq reads text parameters up to the first NUL, so the value
    /// would be cut short silently, and PostgreSQL text cannot hold one anyway.
    init(_ values: [PostgresValue], sql: String) throws(PostgresError) {
        var buffer: [CChar] = []
        var offsets: [Int?] = []
        for (index, value) in values.enumerated() {
            guard let text = value.parameterText else {
                offsets.append(nil)
                continue
            }
            guard !text.utf8.contains(0) else {
                throw PostgresError(
                    sqlState: .characterNotInRepertoire,
                    message: "parameter $\(index + 1) holds a NUL character, which PostgreSQL text cannot hold",
                    sql: sql
                )
            }
            offsets.append(buffer.count)
            buffer.append(contentsOf: text.utf8.map { CChar(bitPattern: $0) })
            buffer.append(0)
        }
        self.types = values.map(\.parameterType)
        self.buffer = buffer
        self.offsets = offsets
    }

    var count: Int32 { Int32(offsets.count) }

    func withTexts<T>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> T) rethrows -> T {
        try buffer.withUnsafeBufferPointer { buffer in
            let texts: [UnsafePointer<CChar>?] = offsets.map { offset in
                guard let offset, let start = buffer.baseAddress else { return nil }
                return start + offset
            }
            return try texts.withUnsafeBufferPointer { try body($0.baseAddress) }
        }
    }
}
