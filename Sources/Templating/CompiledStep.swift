/// One instruction of a compiled template, as the compiler writes it; `CompiledSteps` holds a
/// list of them for rendering. Names are already resolved to the scope depth and getter they
/// read, so rendering never compares a string.
enum CompiledStep: Sendable {
    /// Literal text, messages included, as UTF-8.
    case text([UInt8])
    case run(@Sendable (inout CompiledRenderer) -> Void)
    /// Where a layout shows the page.
    case content
}

extension [CompiledStep] {
    /// Bytes of literal text at this level, not inside sections: at least what one pass writes.
    var literalByteCount: Int {
        reduce(0) { count, step in
            if case .text(let bytes) = step { count + bytes.count } else { count }
        }
    }
}
