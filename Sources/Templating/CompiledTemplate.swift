/// A template compiled for `Model`: rendering reads the model's fields through slots resolved
/// at compile time and cannot fail.
public struct CompiledTemplate<Model: Templated>: Sendable {
    let steps: CompiledSteps

    init(steps: [CompiledStep]) {
        self.steps = CompiledSteps(steps)
    }

    public func render(_ model: Model) -> [UInt8] {
        var output: [UInt8] = []
        render(model, into: &output)
        return output
    }

    /// Appends the page to `output`, so a caller can reuse one buffer.
    public func render(_ model: Model, into output: inout [UInt8]) {
        // Text outside loops; each loop reserves for its rows when it knows how many there are.
        var renderer = CompiledRenderer(capacity: steps.literalByteCount + 1024)
        renderer.render(model, steps)
        let bytes = renderer.output.bytes
        if output.isEmpty { output = bytes } else { output += bytes }
    }
}
