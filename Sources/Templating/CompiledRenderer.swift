/// The state of one render of a compiled template: the bytes so far and a frame per scope.
struct CompiledRenderer: ~Copyable {
    var output: OutputBuffer
    /// One `ScopeFrame` per scope the template was compiled with, outermost first. Held
    /// unretained: each is owned by the call that pushed it (`inScope`, `render`, `renderEach`),
    /// which outlives every read of it, so a read need not retain and release it.
    private var frames: [Unmanaged<AnyObject>] = []

    /// `capacity`: what the output is likely to need, so that it seldom grows.
    init(capacity: Int) {
        self.init(output: OutputBuffer(capacity: capacity))
    }

    init(output: consuming OutputBuffer) {
        self.output = output
        frames.reserveCapacity(8)
    }

    mutating func run(_ steps: CompiledSteps) {
        for instruction in steps.instructions {
            run(instruction)
        }
    }

    @inline(__always)
    mutating func run(_ instruction: CompiledSteps.Instruction) {
        switch instruction {
        case .text(let bytes): output.write(bytes)
        // The steps that hold the action outlive the call, so it is borrowed, not retained.
        case .run(let action): action._withUnsafeGuaranteedRef { $0.body(&self) }
        case .content: break // only at a layout's top level, which `CompiledPage` walks itself
        }
    }

    /// Applies `get` to the current value of the scope at `depth`. Inlined, so that each caller
    /// calls `get` as it is: a generic call would wrap it in a reabstraction thunk every time.
    @inline(__always)
    func read<Model, Value>(_ depth: Int, _ get: (Model) -> Value) -> Value {
        // The compiler resolved `get` against the scope at `depth`, whose frame holds a `Model`, so
        // the unchecked cast cannot fail (debug builds still check it). The frame, borrowed in
        // place, lends `get` its value without a copy, a retain or a release.
        frames[depth]._withUnsafeGuaranteedRef { object in
            get(unsafeDowncast(object, to: ScopeFrame<Model>.self).value)
        }
    }

    /// The frame of the scope at `depth`, which holds a `Model` (see `read`).
    @inline(__always)
    func frame<Model>(_ depth: Int, of type: Model.Type) -> ScopeFrame<Model> {
        unsafeDowncast(frames[depth].takeUnretainedValue(), to: ScopeFrame<Model>.self)
    }

    /// Renders `steps` once with `value` as the innermost scope.
    mutating func render<Value>(_ value: Value, _ steps: CompiledSteps) {
        inScope(value) { $0.run(steps) }
    }

    /// `render`, in a frame of the type `frame`, which a section looked up when it was compiled:
    /// naming `ScopeFrame<Value>` here, in code not specialized for `Value`, would look the type
    /// up in the runtime's metadata cache on every call.
    mutating func render<Value>(_ value: Value, in frame: ScopeFrame<Value>.Type, _ steps: CompiledSteps) {
        let owned = frame.init(value)
        frames.append(Unmanaged.passUnretained(owned))
        run(steps)
        frames.removeLast()
        withExtendedLifetime(owned) {}
    }

    /// Runs `body` with `value` as the innermost scope.
    mutating func inScope<Value>(_ value: Value, _ body: (inout CompiledRenderer) -> Void) {
        let owned = ScopeFrame(value)
        frames.append(Unmanaged.passUnretained(owned))
        body(&self)
        frames.removeLast()
        withExtendedLifetime(owned) {}
    }

    /// Renders `body` once per item, with the item as the innermost scope.
    mutating func renderEach<Item>(_ items: [Item], _ body: CompiledSteps, bytesPerItem: Int) {
        renderEach(items, in: ScopeFrame<Item>.self, body, bytesPerItem: bytesPerItem)
    }

    /// `renderEach`, in frames of the type `frame` (see `render(_:in:_:)`).
    mutating func renderEach<Item>(_ items: [Item], in frame: ScopeFrame<Item>.Type, _ body: CompiledSteps, bytesPerItem: Int) {
        reserve(items.count * bytesPerItem)
        // By index: the frame copies the item straight from the array, where a for-in loop would
        // copy it once more on the way.
        for index in items.indices {
            let owned = frame.init(items[index])
            frames.append(Unmanaged.passUnretained(owned))
            run(body)
            frames.removeLast()
            withExtendedLifetime(owned) {}
        }
    }

    /// Makes room for at least `count` more bytes, growing geometrically so that reserving
    /// for every row of a nested list does not copy the buffer each time.
    mutating func reserve(_ count: Int) {
        output.reserve(count)
    }
}
