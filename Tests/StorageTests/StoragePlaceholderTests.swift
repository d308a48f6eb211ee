import Testing
@testable import Storage

@Test func storagePlaceholder() { #expect(Bool(true)) }
