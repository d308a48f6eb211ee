/// The value one scope holds while a compiled template renders: the model, an object, or the
/// list item now rendering.
///
/// A class with a `let`, so a getter is handed the value where it lies. Reading it out of an
/// array instead copies it (retaining every reference in it, through its value witness since
/// the model is generic here) once for every field a template prints; a frame per item copies
/// each item once.
final class ScopeFrame<Value> {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
