/// Compiled steps as the renderer walks them.
///
/// Walking a `[CompiledStep]` copies each step out of the array, which retains its text or its
/// closure and releases it again: two atomic operations for every step of every row. Here the
/// steps are trivial values instead, raw pointers into text and actions this object owns, so a
/// walk only reads.
final class CompiledSteps: @unchecked Sendable {
    /// One step, borrowing what it points at from the `CompiledSteps` that holds it.
    enum Instruction {
        case text(UnsafeBufferPointer<UInt8>)
        case run(Unmanaged<Action>)
        case content
    }

    /// A `.run` step's closure, in a class so an instruction can point at it.
    final class Action: Sendable {
        let body: @Sendable (inout CompiledRenderer) -> Void

        init(_ body: @escaping @Sendable (inout CompiledRenderer) -> Void) {
            self.body = body
        }
    }

    /// Immutable once made (so `@unchecked Sendable` holds); freed with this object.
    let instructions: UnsafeBufferPointer<CompiledSteps.Instruction>
    /// Bytes of literal text at this level, not inside sections: at least what one pass writes.
    let literalByteCount: Int
    private let text: UnsafeMutableBufferPointer<UInt8>
    /// Owns the actions the instructions point at.
    private let actions: [Action]

    init(_ steps: [CompiledStep]) {
        literalByteCount = steps.literalByteCount
        let text = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: literalByteCount)
        var actions: [Action] = []
        let instructions = UnsafeMutableBufferPointer<Instruction>.allocate(capacity: steps.count)
        var offset = 0
        for (index, step) in steps.enumerated() {
            let instruction: Instruction
            switch step {
            case .text(let bytes):
                let start = text.baseAddress! + offset
                start.initialize(from: bytes, count: bytes.count)
                offset += bytes.count
                instruction = .text(UnsafeBufferPointer(start: start, count: bytes.count))
            case .run(let body):
                let action = Action(body)
                actions.append(action)
                instruction = .run(Unmanaged.passUnretained(action))
            case .content:
                instruction = .content
            }
            instructions.initializeElement(at: index, to: instruction)
        }
        self.text = text
        self.actions = actions
        self.instructions = UnsafeBufferPointer(instructions)
    }

    deinit {
        text.deallocate()
        instructions.deallocate()
    }
}
