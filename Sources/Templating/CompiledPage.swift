/// A page compiled together with its layout.
public struct CompiledPage<Layout: Templated, Model: Templated>: Sendable {
    let layout: [CompiledStep]
    let page: [CompiledStep]
    /// Bytes of literal text in both, used to size the output buffer up front.
    let literalByteCount: Int

    /// Layout and page rendered into one byte buffer: the page is written where the layout's
    /// `{{{ content }}}` is, not rendered to a string first.
    public func render(_ model: Model, layout: Layout) -> [UInt8] {
        var renderer = CompiledRenderer(root: layout)
        // Literal text is the floor; loops usually at least double it.
        renderer.output.reserveCapacity(literalByteCount * 2 + 1024)
        for step in self.layout {
            if case .content = step {
                renderer.renderEach([model], page)
            } else {
                renderer.run(step)
            }
        }
        return renderer.output
    }
}
