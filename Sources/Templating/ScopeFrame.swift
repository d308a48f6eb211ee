/// The values one scope holds while a compiled template renders: a list's items and which one
/// is rendering, or a single model.
///
/// A class so a loop moves `index` instead of copying each item into the scope.
final class ScopeFrame<Value> {
    let items: [Value]
    var index = 0

    init(_ items: [Value]) {
        self.items = items
    }
}
