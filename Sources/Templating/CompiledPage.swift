import Synchronization

/// A page compiled together with its layout.
public struct CompiledPage<Layout: Templated, Model: Templated>: Sendable {
    let layout: CompiledSteps
    let page: CompiledSteps
    /// Bytes of literal text in both written at least once, used to size the output buffer up front.
    let literalByteCount: Int
    /// How long the last render of this page was: the next one starts with room for that much,
    /// so a page of rows is not copied to a bigger buffer several times on the way.
    private let lastSize = LastSize()

    init(layout: [CompiledStep], page: [CompiledStep]) {
        self.layout = CompiledSteps(layout)
        self.page = CompiledSteps(page)
        literalByteCount = self.layout.literalByteCount + self.page.literalByteCount
    }

    /// Layout and page rendered into one byte buffer: the page is written where the layout's
    /// `{{{ content }}}` is, not rendered to a string first. The buffer is the returned array's
    /// own storage, sized from the last render; only a page that outgrows it is copied, once.
    public func render(_ model: Model, layout: Layout) -> [UInt8] {
        let last = lastSize.bytes.load(ordering: .relaxed)
        var outgrown: [UInt8]?
        let rendered = [UInt8](unsafeUninitializedCapacity: max(literalByteCount + 1024, last + last / 8)) { memory, written in
            var renderer = CompiledRenderer(output: OutputBuffer(lending: memory))
            renderer.inScope(layout) { renderer in
                for instruction in self.layout.instructions {
                    if case .content = instruction {
                        renderer.render(model, page)
                    } else {
                        renderer.run(instruction)
                    }
                }
            }
            lastSize.bytes.store(renderer.output.count, ordering: .relaxed)
            if renderer.output.isInLentMemory {
                written = renderer.output.count
            } else {
                outgrown = renderer.output.bytes
                written = 0
            }
        }
        return outgrown ?? rendered
    }
}

private final class LastSize: Sendable {
    let bytes = Atomic<Int>(0)
}
