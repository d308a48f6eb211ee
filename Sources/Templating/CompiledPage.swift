/// A page compiled together with its layout.
public struct CompiledPage<Layout: Templated, Model: Templated>: Sendable {
    let layout: [CompiledStep]
    let page: [CompiledStep]
    /// Bytes of literal text in both written at least once, used to size the output buffer up front.
    let literalByteCount: Int

    /// Layout and page rendered into one byte buffer: the page is written where the layout's
    /// `{{{ content }}}` is, not rendered to a string first.
    public func render(_ model: Model, layout: Layout) -> [UInt8] {
        var renderer = CompiledRenderer()
        // Text outside loops; each loop reserves for its rows when it knows how many there are.
        renderer.reserve(literalByteCount + 1024)
        renderer.inScope(layout) { renderer in
            for step in self.layout {
                if case .content = step {
                    renderer.render(model, page)
                } else {
                    renderer.run(step)
                }
            }
        }
        return renderer.output
    }
}
