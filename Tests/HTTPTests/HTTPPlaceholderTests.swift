import Testing
@testable import HTTP

@Test func httpPlaceholder() { #expect(Bool(true)) }
