/// Where escaped text goes: the compiled renderer's buffer, or a byte array.
protocol ByteSink: ~Copyable {
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension [UInt8]: ByteSink {
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}

/// The bytes a compiled template writes, in one buffer that grows at its end.
///
/// Every byte of every page passes through here, a few at a time: a field, a run of literal
/// text. Appending is a bounds check and a copy, without the uniqueness and capacity checks an
/// array makes on each `append(contentsOf:)`. The page comes out as one array at the end.
struct OutputBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// False while the bytes go into memory lent for the whole render (`init(lending:)`); the
    /// buffer allocates its own only if it outgrows it.
    private var owned: Bool

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
        owned = true
    }

    /// Writes into `memory` until it is full: a page rendered straight into the storage of the
    /// array it is returned in, with no copy at the end.
    /// `memory` must hold at least one byte.
    init(lending memory: UnsafeMutableBufferPointer<UInt8>) {
        start = memory.baseAddress!
        capacity = memory.count
        owned = false
    }

    deinit {
        if owned { start.deallocate() }
    }

    /// Whether every byte is still in the memory lent at the start.
    var isInLentMemory: Bool { !owned }

    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if bytes.count > capacity - count { grow(toAtLeast: count + bytes.count) }
        (start + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    mutating func write(utf8 string: String) {
        let lent: Void? = string.utf8.withContiguousStorageIfAvailable { write($0) }
        if lent == nil {
            var string = string
            string.withUTF8 { write($0) }
        }
    }

    /// Makes room for `extra` more bytes at once, growing geometrically.
    mutating func reserve(_ extra: Int) {
        if extra > capacity - count { grow(toAtLeast: count + extra) }
    }

    private mutating func grow(toAtLeast needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.initialize(from: start, count: count)
        if owned { start.deallocate() }
        start = newStart
        capacity = newCapacity
        owned = true
    }

    /// The bytes written, as an array.
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }
}

extension OutputBuffer: ByteSink {}
